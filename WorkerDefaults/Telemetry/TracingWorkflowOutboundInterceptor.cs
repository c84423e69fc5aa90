using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>Carries the workflow's trace context into the activities and child workflows it schedules.</summary>
internal sealed class TracingWorkflowOutboundInterceptor(WorkflowOutboundInterceptor next) : WorkflowOutboundInterceptor(next)
{
    public override Task<TResult> ScheduleActivityAsync<TResult>(ScheduleActivityInput input) =>
        base.ScheduleActivityAsync<TResult>(input with { Headers = WithWorkflowContext(input.Headers) });

    public override Task<ChildWorkflowHandle<TWorkflow, TResult>> StartChildWorkflowAsync<TWorkflow, TResult>(
        StartChildWorkflowInput input) =>
        base.StartChildWorkflowAsync<TWorkflow, TResult>(input with { Headers = WithWorkflowContext(input.Headers) });

    /// <summary>The next run stays in the trace of the call that started the first one.</summary>
    public override ContinueAsNewException CreateContinueAsNewException(CreateContinueAsNewExceptionInput input) =>
        base.CreateContinueAsNewException(input with { Headers = WithWorkflowContext(input.Headers) });

    private static Dictionary<string, Temporalio.Api.Common.V1.Payload> WithWorkflowContext(
        IDictionary<string, Temporalio.Api.Common.V1.Payload>? headers) =>
        TemporalTracing.WithContext(headers, TemporalTracing.ContextFrom(Workflow.Info.Headers));
}
