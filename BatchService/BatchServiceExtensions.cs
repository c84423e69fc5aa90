using Agentic.BatchService.Activities;
using Agentic.BatchService.Grpc;
using Agentic.BatchService.Options;
using Agentic.BatchService.Telemetry;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Composition of the batch service: options, Temporal worker, gateway client and gRPC.</summary>
public static class BatchServiceExtensions
{
    public static TBuilder AddApplicationServices<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<BatchOptions>()
            .Bind(builder.Configuration.GetSection(BatchOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var gatewayClient = builder.Services.AddHttpClient<IRowModel, GatewayHttpRowModel>(
            GatewayHttpRowModel.HttpClientName,
            (services, client) =>
            {
                var gateway = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
                GatewayHttpRowModel.Configure(client, gateway.BaseUrl!, gateway.ApiKey, gateway.Timeout);
            });

        // The activities own retries: a 429 must wait exactly the gateway's Retry-After, which the default
        // retry handler (or its circuit breaker, tripping on throttling, or its 30 s total timeout on a
        // slow completion) would get wrong.
#pragma warning disable EXTEXP0001 // Experimental in 10.x, and the way to drop the defaults for one client.
        gatewayClient.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddTransient<PartProcessor>();
        builder.Services.AddSingleton<BatchPlanner>();
        builder.Services.AddSingleton<FailedPartWriter>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<BatchMetrics>();
        builder.Services.AddSingleton<ManifestWriter>();
        builder.Services.AddSingleton<BatchJobClient>();
        builder.AddLlmGatewayClient();
        builder.Services.AddSingleton<ModelCheck>();

        var taskQueue = builder.Configuration.GetSection(BatchOptions.SectionName).Get<BatchOptions>()?.TaskQueue
            ?? new BatchOptions().TaskQueue;
        // Temporal's standard settings (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE), a worker that polls once Temporal
        // answers, the shared probe workflow and the readiness check.
        var worker = builder.AddTemporalWorkerDefaults(taskQueue)
            .AddWorkflow<BatchJobWorkflow>()
            .AddWorkflow<BatchPartWorkflow>()
            .AddScopedActivities<BatchActivities>();
        worker.ConfigureOptions().Configure<IOptions<BatchOptions>>((worker, batch) =>
            worker.MaxHeartbeatThrottleInterval = batch.Value.HeartbeatThrottleInterval);

        builder.Services.AddGrpc();
        return builder;
    }
}
