using Agentic.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

var plan = InfrastructurePlanner.Plan(
    InfrastructurePlanner.ParseMode(builder.Configuration[InfrastructurePlanner.ModeSetting]),
    await ContainerRuntimeProbe.AnswersAsync(TimeSpan.FromSeconds(2)),
    InfrastructurePlanner.FindOnPath("temporal", Environment.GetEnvironmentVariable("PATH")));
builder.LogInfrastructurePlan(plan);

// Infrastructure
var redis = builder.AddRedisFor("redis", plan);
var temporal = builder.AddTemporalFor("temporal", plan);

// The one door to LLM providers
var batchGatewayKey = builder.AddParameter("batch-service-gateway-key", "dev-batch-service-key", secret: true);
var gateway = builder.AddProject<Projects.LlmGateway>("llm-gateway")
    .WithHttpEndpoint(name: ServiceResourceExtensions.HttpEndpoint)
    .WithHttpHealthCheck("/health", endpointName: ServiceResourceExtensions.HttpEndpoint)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("LlmGateway__Callers__batch-service__ApiKey", batchGatewayKey);
var gatewayUrl = gateway.GetEndpoint(ServiceResourceExtensions.HttpEndpoint);

// Workers: a Temporal worker and a gRPC server each
builder.AddProject<Projects.EvalService>("eval-service")
    .WithHttpAndGrpcEndpoints()
    .WithTemporal(temporal)
    .WithReference(gateway).WaitFor(gateway);

builder.AddProject<Projects.BatchService>("batch-service")
    .WithHttpAndGrpcEndpoints()
    .WithTemporal(temporal)
    .WithReference(gateway).WaitFor(gateway)
    .WithEnvironment("LlmGateway__BaseUrl", gatewayUrl)
    .WithEnvironment("LlmGateway__ApiKey", batchGatewayKey);

builder.AddProject<Projects.ApprovalService>("approval-service")
    .WithHttpAndGrpcEndpoints()
    .WithTemporal(temporal);

builder.Build().Run();
