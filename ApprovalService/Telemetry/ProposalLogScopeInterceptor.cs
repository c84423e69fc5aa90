using Temporalio.Activities;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace Agentic.ApprovalService.Telemetry;

/// <summary>
/// Adds the approval's own ids to the log scope of every approval workflow and activity, beside the SDK's workflow
/// and run ids: <c>Project</c> on every line, <c>UniqueId</c> (the dbt node) on a proposal's lines, so one field
/// finds every line of a proposal, or of a project's pull requests, across runs and attempts. They are read from the
/// workflow id (<c>approval/{project}/{unique id}</c>, <c>approval-pr/{project}</c>), so no input has to carry them.
/// </summary>
public sealed class ProposalLogScopeInterceptor(ILoggerFactory loggers) : IWorkerInterceptor
{
    public const string ProjectKey = "Project";
    public const string UniqueIdKey = "UniqueId";

    private const string ProposalPrefix = "approval/";
    private const string PullRequestPrefix = "approval-pr/";

    private readonly ILogger _logger = loggers.CreateLogger<ProposalLogScopeInterceptor>();

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) =>
        new WorkflowScope(nextInterceptor, _logger);

    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) =>
        new ActivityScope(nextInterceptor, _logger);

    /// <summary>The scope's entries for a workflow id of this service; empty for any other id.</summary>
    public static Dictionary<string, object?> ScopeOf(string? workflowId)
    {
        if (workflowId is null)
        {
            return [];
        }

        if (workflowId.StartsWith(PullRequestPrefix, StringComparison.Ordinal))
        {
            return new() { [ProjectKey] = workflowId[PullRequestPrefix.Length..] };
        }

        // dbt unique ids have no slash; a project name may.
        var split = workflowId.LastIndexOf('/');
        return workflowId.StartsWith(ProposalPrefix, StringComparison.Ordinal) && split > ProposalPrefix.Length
            ? new() { [ProjectKey] = workflowId[ProposalPrefix.Length..split], [UniqueIdKey] = workflowId[(split + 1)..] }
            : [];
    }

    private static IDisposable? BeginScope(ILogger logger, string? workflowId) =>
        ScopeOf(workflowId) is { Count: > 0 } scope ? logger.BeginScope(scope) : null;

    private sealed class WorkflowScope(WorkflowInboundInterceptor next, ILogger logger) : WorkflowInboundInterceptor(next)
    {
        // Scopes live in an AsyncLocal, which flows into every continuation of the run; they write nothing, so
        // replay is unaffected.
        public override async Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
        {
            using (BeginScope(logger, Workflow.Info.WorkflowId))
            {
                return await base.ExecuteWorkflowAsync(input);
            }
        }
    }

    private sealed class ActivityScope(ActivityInboundInterceptor next, ILogger logger) : ActivityInboundInterceptor(next)
    {
        public override async Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
        {
            using (BeginScope(logger, ActivityExecutionContext.Current.Info.WorkflowId))
            {
                return await base.ExecuteActivityAsync(input);
            }
        }
    }
}
