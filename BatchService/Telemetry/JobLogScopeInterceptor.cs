using Agentic.BatchService.Grpc;
using Temporalio.Activities;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace Agentic.BatchService.Telemetry;

/// <summary>
/// Adds <c>JobId</c> to the log scope of every batch workflow and activity, beside the SDK's workflow and run ids,
/// so one field finds every line of a job across its runs, parts and attempts. The id is read from the workflow id
/// (<c>batch-{job}</c>, parts <c>batch-{job}/part-N</c>; shadow comparisons <c>shadow-{job}</c> and their
/// <c>shadow-{job}/jury-N</c> children), so no input has to carry it.
/// </summary>
public sealed class JobLogScopeInterceptor(ILoggerFactory loggers) : IWorkerInterceptor
{
    public const string JobIdKey = "JobId";

    private readonly ILogger _logger = loggers.CreateLogger<JobLogScopeInterceptor>();

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) =>
        new WorkflowScope(nextInterceptor, _logger);

    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) =>
        new ActivityScope(nextInterceptor, _logger);

    private static IDisposable? BeginScope(ILogger logger, string? workflowId) =>
        workflowId is not null && (BatchJobClient.JobIdOf(workflowId) ?? ShadowJobClient.JobIdOf(workflowId)) is { } jobId
            ? logger.BeginScope(new Dictionary<string, object?> { [JobIdKey] = jobId })
            : null;

    private sealed class WorkflowScope(WorkflowInboundInterceptor next, ILogger logger) : WorkflowInboundInterceptor(next)
    {
        // Scopes live in an AsyncLocal, which flows into every continuation of the run; they write nothing,
        // so replay is unaffected.
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
