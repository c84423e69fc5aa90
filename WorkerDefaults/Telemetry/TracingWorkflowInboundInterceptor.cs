using System.Diagnostics;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>
/// Marks each workflow run in the trace of the call that started it, and hands that trace on to the
/// workflow's activities and children.
/// </summary>
/// <remarks>
/// Workflow code is replayed, possibly on another worker and days later, so a span cannot stay open across
/// the run: "RunWorkflow" is a zero-length marker, written only when the run is not replaying. What goes
/// into command headers comes from the workflow's own start header, which replay reproduces exactly.
/// </remarks>
internal sealed class TracingWorkflowInboundInterceptor(WorkflowInboundInterceptor next) : WorkflowInboundInterceptor(next)
{
    public override void Init(WorkflowOutboundInterceptor outbound) =>
        base.Init(new TracingWorkflowOutboundInterceptor(outbound));

    public override Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
    {
        if (!Workflow.Unsafe.IsReplaying)
        {
            var info = Workflow.Info;
            using var marker = TemporalTracing.Workflow.StartActivity(
                $"RunWorkflow:{info.WorkflowType}",
                ActivityKind.Server,
                TemporalTracing.ContextFrom(info.Headers));
            marker?.SetTag(TemporalTracing.WorkflowIdTag, info.WorkflowId);
            marker?.SetTag(TemporalTracing.RunIdTag, info.RunId);
        }

        return base.ExecuteWorkflowAsync(input);
    }
}
