using Agentic.ApprovalService.Activities;
using Agentic.ApprovalService.Audit;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Notifications;
using Agentic.ApprovalService.Options;
using Agentic.ApprovalService.ReadModel;
using Agentic.ApprovalService.Telemetry;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Temporalio.Extensions.Hosting;

namespace Agentic.ApprovalService;

/// <summary>Composition of the approval service: options, audit database, Temporal worker, gateway client and gRPC.</summary>
public static class ApprovalServiceExtensions
{
    public const string AuditConnectionName = "approvaldb";

    public static TBuilder AddApplicationServices<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ApprovalOptions>()
            .Bind(builder.Configuration.GetSection(ApprovalOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<GitHubOptions>().Bind(builder.Configuration.GetSection(GitHubOptions.SectionName));
        builder.Services.AddSingleton<GitHubCodeHost>();

        var auditConnection = builder.Configuration.GetConnectionString(AuditConnectionName);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(
            auditConnection ?? throw new InvalidOperationException($"ConnectionStrings:{AuditConnectionName} is required (the audit database).")));
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddSingleton<ProposalStore>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ApprovalMetrics>();
        builder.Services.AddSingleton<ApprovalMetricsRefresher>();
        builder.Services.AddOptions<NotificationOptions>()
            .Bind(builder.Configuration.GetSection(NotificationOptions.SectionName))
            .Validate(o => o.WebhookUrl is null || !string.IsNullOrEmpty(o.WebhookSecret), "Approval:Notifications:WebhookSecret is required with a WebhookUrl")
            .Validate(o => o.WebhookAttempts is >= 1 and <= 100, "Approval:Notifications:WebhookAttempts must be between 1 and 100")
            .ValidateOnStart();
        builder.Services.AddHttpClient<NotificationWebhook>(http => http.Timeout = TimeSpan.FromSeconds(30));
        // Registered before the worker so the schema exists before the first activity runs.
        builder.Services.AddHostedService<AuditMigrationService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ApprovalMetricsRefresher>());

        builder.AddLlmGatewayClient();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProposalClient>();
        builder.Services.AddSingleton<ReviewerDirectory>();
        builder.Services.AddSingleton<ManifestImporter>();

        var taskQueue = builder.Configuration.GetSection(ApprovalOptions.SectionName).Get<ApprovalOptions>()?.TaskQueue
            ?? new ApprovalOptions().TaskQueue;
        builder.AddTemporalWorkerDefaults(taskQueue)
            .AddWorkflow<DescribeModelWorkflow>()
            .AddWorkflow<PullRequestWorkflow>()
            .AddScopedActivities<ApprovalActivities>()
            .AddScopedActivities<PullRequestActivities>()
            .ConfigureOptions().Configure<ILoggerFactory>((worker, loggers) =>
                worker.Interceptors = [.. worker.Interceptors ?? [], new ProposalLogScopeInterceptor(loggers)]);

        builder.Services.AddGrpc();
        return builder;
    }
}
