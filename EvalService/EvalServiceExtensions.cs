using Agentic.EvalService.Activities;
using Agentic.EvalService.Grpc;
using Agentic.EvalService.Options;
using Agentic.EvalService.Reports;
using Agentic.EvalService.Storage;
using Agentic.EvalService.Telemetry;
using Agentic.EvalService.Workflows;
using Agentic.WorkerDefaults.Temporal;
using Npgsql;
using Temporalio.Client;
using Temporalio.Converters;
using Temporalio.Extensions.Hosting;

namespace Agentic.EvalService;

/// <summary>Composition of the eval service: options, database, gateway client, Temporal worker and gRPC.</summary>
public static class EvalServiceExtensions
{
    public const string TaskQueue = "eval-service";

    /// <summary>How long a stopping worker waits for its activities in flight (inside the host's 30 s shutdown timeout).</summary>
    public static readonly TimeSpan WorkerShutdownGrace = TimeSpan.FromSeconds(20);

    public static TBuilder AddApplicationServices<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<EvalOptions>()
            .Bind(builder.Configuration.GetSection(EvalOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var connectionString = builder.Configuration.GetConnectionString(EvalDatabase.ConnectionName);
        builder.Services.AddSingleton(_ => new EvalDatabase(
            string.IsNullOrWhiteSpace(connectionString) ? null : NpgsqlDataSource.Create(connectionString)));
        builder.Services.AddHostedService<SchemaMigrator>();
        builder.Services.AddSingleton<SuiteStore>();
        builder.Services.AddSingleton<TurnStore>();
        builder.Services.AddSingleton<RunStore>();

        // Judges and the semantic check call models only through the gateway, with eval-service's caller key.
        builder.AddLlmGatewayClient();
        builder.Services.AddHttpClient(GatewayModels.HttpClientName);
        builder.Services.AddHttpClient(NotifyActivities.HttpClientName);
        builder.Services.AddSingleton<GatewayModels>();
        builder.Services.AddSingleton<TurnClient>();
        builder.Services.AddSingleton<LiveSuiteCache>();
        builder.Services.AddSingleton<EvalMetrics>();
        builder.Services.AddSingleton<RunClient>();
        builder.Services.AddSingleton<ScheduleClient>();

        var taskQueue = builder.Configuration.GetSection(EvalOptions.SectionName).Get<EvalOptions>()?.TaskQueue ?? TaskQueue;
        builder.AddTemporalWorkerDefaults(taskQueue)
            .AddWorkflow<TurnWorkflow>()
            .AddWorkflow<JudgeWorkflow>()
            .AddWorkflow<EvalRunWorkflow>()
            .AddWorkflow<EvalChunkWorkflow>()
            .AddWorkflow<JuryWorkflow>()
            .AddSingletonActivities<CheckActivities>()
            .AddSingletonActivities<JudgeActivities>()
            .AddSingletonActivities<NotifyActivities>()
            .AddSingletonActivities<StorageActivities>()
            .AddSingletonActivities<RunActivities>()
            .AddSingletonActivities<AnswerActivities>()
            .AddSingletonActivities<SuiteActivities>()
            // A stopping worker (a deploy, a restart) lets judge calls in flight finish instead of cancelling them:
            // a cancelled call would count against the judge's attempts and could silence it for that case.
            .ConfigureOptions(worker => worker.GracefulShutdownTimeout = WorkerShutdownGrace);

        var payloadKey = builder.Configuration.GetSection(EvalOptions.SectionName).Get<EvalOptions>()?.PayloadKey;
        if (!string.IsNullOrWhiteSpace(payloadKey))
        {
            // The worker takes its data converter from this client, so workflows and activities see plain values.
            var codec = PayloadEncryptionCodec.FromBase64(payloadKey);
            builder.Services.Configure<TemporalClientConnectOptions>(connect =>
                connect.DataConverter = DataConverter.Default with { PayloadCodec = codec });
        }

        builder.Services.AddGrpc();
        builder.Services.AddEvalReports();
        return builder;
    }
}
