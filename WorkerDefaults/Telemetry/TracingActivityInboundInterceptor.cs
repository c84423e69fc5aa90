using System.Diagnostics;
using Temporalio.Activities;
using Temporalio.Worker.Interceptors;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>A span per activity attempt, in the trace of the workflow that scheduled it.</summary>
internal sealed class TracingActivityInboundInterceptor(ActivityInboundInterceptor next) : ActivityInboundInterceptor(next)
{
    public override async Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
    {
        var info = ActivityExecutionContext.Current.Info;
        using var span = TemporalTracing.Activity.StartActivity(
            $"RunActivity:{info.ActivityType}",
            ActivityKind.Server,
            TemporalTracing.ContextFrom(input.Headers));
        span?.SetTag(TemporalTracing.WorkflowIdTag, info.WorkflowId);
        span?.SetTag(TemporalTracing.RunIdTag, info.WorkflowRunId);
        span?.SetTag(TemporalTracing.ActivityIdTag, info.ActivityId);
        span?.SetTag(TemporalTracing.AttemptTag, info.Attempt);
        try
        {
            return await base.ExecuteActivityAsync(input);
        }
        catch (Exception exception)
        {
            span?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw;
        }
    }
}
