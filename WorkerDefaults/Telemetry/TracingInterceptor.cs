using Temporalio.Client.Interceptors;
using Temporalio.Worker.Interceptors;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>
/// Traces Temporal calls end to end: a client span per start, signal, query and update, the trace context
/// carried in a header through the workflow to its activities and child workflows, and a span per activity
/// attempt. Registered on the client, so every worker built on that client uses it too.
/// </summary>
public sealed class TracingInterceptor : IClientInterceptor, IWorkerInterceptor
{
    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) =>
        new TracingClientOutboundInterceptor(nextInterceptor);

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) =>
        new TracingWorkflowInboundInterceptor(nextInterceptor);

    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) =>
        new TracingActivityInboundInterceptor(nextInterceptor);
}
