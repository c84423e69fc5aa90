using Agentic.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args)
    .RunProjectsInAppHostEnvironment()
    .WithoutDeveloperCertificateForHttpOnlyProjects();

var plan = InfrastructurePlanner.Plan(
    InfrastructurePlanner.ParseMode(builder.Configuration[InfrastructurePlanner.ModeSetting]),
    await ContainerRuntimeProbe.AnswersAsync(TimeSpan.FromSeconds(2)),
    InfrastructurePlanner.FindOnPath("temporal", Environment.GetEnvironmentVariable("PATH")));
builder.LogInfrastructurePlan(plan);

// Infrastructure
var redis = builder.AddRedisFor("redis", plan);
var temporal = builder.AddTemporalFor("temporal", plan);
var postgres = builder.AddPostgresFor("postgres", plan);
var evalDb = postgres.AddDatabaseFor("evaldb");
var approvalDb = postgres.AddDatabaseFor("approvaldb");
var batchDb = postgres.AddDatabaseFor("batchdb");

// Callers' keys for the gateway: the gateway knows them by caller name, each worker holds its own.
var batchGatewayKey = builder.AddParameter("batch-service-gateway-key", "dev-batch-service-key", secret: true);
var evalGatewayKey = builder.AddParameter("eval-service-gateway-key", "dev-eval-service-key", secret: true);
var approvalGatewayKey = builder.AddParameter("approval-service-gateway-key", "dev-approval-service-key", secret: true);
// Eval-service's Temporal payload key (its appsettings.Development.json has the same dev default); batch-service holds
// it too, to read the answers of eval-service's jury in shadow comparisons.
var evalPayloadKey = builder.AddParameter("eval-payload-key", "sa90bansrjZnjjn4U9BEi6M/Ad9zX8b0UQ4PrsKvRW8=", secret: true);

// The one door to LLM providers
var gateway = builder.AddProject<Projects.LlmGateway>("llm-gateway")
    .WithHttpEndpoint(name: ServiceResourceExtensions.HttpEndpoint)
    .WithHttpHealthCheck("/health", endpointName: ServiceResourceExtensions.HttpEndpoint)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("LlmGateway__Callers__batch-service__ApiKey", batchGatewayKey)
    .WithEnvironment("LlmGateway__Callers__eval-service__ApiKey", evalGatewayKey)
    .WithEnvironment("LlmGateway__Callers__approval-service__ApiKey", approvalGatewayKey)
    // The dev loop's no-key default: models whose provider has no key are answered by the simulated provider.
    .WithEnvironment("Simulation__Enabled", "true")
    .WithProviderKeys(builder);
var gatewayUrl = gateway.GetEndpoint(ServiceResourceExtensions.HttpEndpoint);

// Workers: a Temporal worker and a gRPC server each
builder.AddProject<Projects.EvalService>("eval-service")
    .WithHttpAndGrpcEndpoints()
    // The offline runs' HTML reports, one click from the dashboard.
    .WithUrlForEndpoint(ServiceResourceExtensions.HttpEndpoint, endpoint => new() { Url = "/reports", DisplayText = "Eval reports" })
    .WithTemporal(temporal)
    .WithReference(evalDb).WaitFor(evalDb)
    .WithReference(gateway).WaitFor(gateway)
    .WithEnvironment("LlmGateway__BaseUrl", gatewayUrl)
    .WithEnvironment("LlmGateway__ApiKey", evalGatewayKey)
    .WithEnvironment("Eval__PayloadKey", evalPayloadKey);

builder.AddProject<Projects.BatchService>("batch-service")
    .WithHttpAndGrpcEndpoints()
    .WithTemporal(temporal)
    // The dev loop's result sink: a job with result_sink "batchdb" upserts its records into this database.
    .WithReference(batchDb).WaitFor(batchDb)
    .WithEnvironment("Batch__ResultSinks__batchdb__ConnectionName", "batchdb")
    .WithEnvironment("Batch__PayloadKey", evalPayloadKey)
    .WithReference(gateway).WaitFor(gateway)
    .WithEnvironment("LlmGateway__BaseUrl", gatewayUrl)
    .WithEnvironment("LlmGateway__ApiKey", batchGatewayKey);

builder.AddProject<Projects.ApprovalService>("approval-service")
    .WithHttpAndGrpcEndpoints()
    .WithTemporal(temporal)
    .WithReference(approvalDb).WaitFor(approvalDb)
    .WithReference(gateway).WaitFor(gateway)
    .WithEnvironment("LlmGateway__BaseUrl", gatewayUrl)
    .WithEnvironment("LlmGateway__ApiKey", approvalGatewayKey);

builder.Build().Run();
