using Agentic.ApprovalService.Activities;
using Agentic.ApprovalService.Audit;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Options;
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
        // Registered before the worker so the schema exists before the first activity runs.
        builder.Services.AddHostedService<AuditMigrationService>();

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
            .AddScopedActivities<PullRequestActivities>();

        builder.Services.AddGrpc();
        return builder;
    }
}
