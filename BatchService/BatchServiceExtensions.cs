using Agentic.BatchService.Activities;
using Agentic.BatchService.Grpc;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Telemetry;
using Agentic.BatchService.Workflows;
using Agentic.WorkerDefaults.Temporal;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Converters;
using Temporalio.Extensions.Hosting;

namespace Agentic.BatchService;

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
        // The shared gateway client; retries belong to the row runner and Temporal, so the host uses
        // AddBasicServiceDefaults (no standard HTTP resilience handler).
        builder.AddLlmGatewayClient();
        builder.Services.AddSingleton<IRowModel, GatewayRowModel>();
        builder.Services.AddTransient<PartProcessor>();
        builder.Services.AddSingleton<BatchPlanner>();
        builder.Services.AddSingleton<FailedPartWriter>();
        builder.Services.AddSingleton<ResultSinks>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<BatchMetrics>();
        builder.Services.AddSingleton<ManifestWriter>();
        builder.Services.AddSingleton<BatchJobClient>();
        builder.Services.AddSingleton<ModelCheck>();

        var taskQueue = builder.Configuration.GetSection(BatchOptions.SectionName).Get<BatchOptions>()?.TaskQueue
            ?? new BatchOptions().TaskQueue;
        // Temporal's standard settings (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE), a worker that polls once Temporal
        // answers, the shared probe workflow and the readiness check.
        var worker = builder.AddTemporalWorkerDefaults(taskQueue)
            .AddWorkflow<BatchJobWorkflow>()
            .AddWorkflow<BatchPartWorkflow>()
            .AddScopedActivities<BatchActivities>()
            .AddShadowComparison(builder);
        worker.ConfigureOptions().Configure<IOptions<BatchOptions>, ILoggerFactory>((worker, batch, loggers) =>
        {
            worker.MaxHeartbeatThrottleInterval = batch.Value.HeartbeatThrottleInterval;
            worker.Interceptors = [.. worker.Interceptors ?? [], new JobLogScopeInterceptor(loggers)];
        });

        var payloadKey = builder.Configuration.GetSection(BatchOptions.SectionName).Get<BatchOptions>()?.PayloadKey;
        if (!string.IsNullOrWhiteSpace(payloadKey))
        {
            // The worker takes its data converter from this client, so workflows and activities see plain values.
            var codec = PayloadEncryptionCodec.FromBase64(payloadKey);
            builder.Services.Configure<TemporalClientConnectOptions>(connect =>
                connect.DataConverter = DataConverter.Default with { PayloadCodec = codec });
        }

        builder.Services.AddGrpc();
        return builder;
    }
}
