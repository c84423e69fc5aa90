using System.Diagnostics;
using Temporalio.Client;
using Temporalio.Client.Interceptors;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>Client spans that become the parents of everything the workflow does.</summary>
internal sealed class TracingClientOutboundInterceptor(ClientOutboundInterceptor next) : ClientOutboundInterceptor(next)
{
    public override async Task<WorkflowHandle<TWorkflow, TResult>> StartWorkflowAsync<TWorkflow, TResult>(StartWorkflowInput input)
    {
        var operation = input.Options.StartSignal is null ? "StartWorkflow" : "SignalWithStartWorkflow";
        using var span = StartSpan($"{operation}:{input.Workflow}", input.Options.Id);
        return await base.StartWorkflowAsync<TWorkflow, TResult>(
            input with { Headers = TemporalTracing.WithContext(input.Headers, span?.Context ?? default) });
    }

    public override async Task SignalWorkflowAsync(SignalWorkflowInput input)
    {
        using var span = StartSpan($"SignalWorkflow:{input.Signal}", input.Id);
        await base.SignalWorkflowAsync(
            input with { Headers = TemporalTracing.WithContext(input.Headers, span?.Context ?? default) });
    }

    public override async Task<TResult> QueryWorkflowAsync<TResult>(QueryWorkflowInput input)
    {
        using var span = StartSpan($"QueryWorkflow:{input.Query}", input.Id);
        return await base.QueryWorkflowAsync<TResult>(
            input with { Headers = TemporalTracing.WithContext(input.Headers, span?.Context ?? default) });
    }

    public override async Task<WorkflowUpdateHandle<TResult>> StartWorkflowUpdateAsync<TResult>(StartWorkflowUpdateInput input)
    {
        using var span = StartSpan($"StartWorkflowUpdate:{input.Update}", input.Id);
        return await base.StartWorkflowUpdateAsync<TResult>(
            input with { Headers = TemporalTracing.WithContext(input.Headers, span?.Context ?? default) });
    }

    /// <remarks>
    /// Update-with-start carries two header sets: the update's and the start operation's. The workflow reads
    /// its trace from the start's, so both get the span's context (eval-service starts every turn this way).
    /// </remarks>
    public override async Task<WorkflowUpdateHandle<TResult>> StartUpdateWithStartWorkflowAsync<TResult>(StartUpdateWithStartWorkflowInput input)
    {
        if (input.Options.StartWorkflowOperation is not { } start)
        {
            return await base.StartUpdateWithStartWorkflowAsync<TResult>(input);
        }

        using var span = StartSpan($"UpdateWithStartWorkflow:{start.Workflow}", start.Options.Id);
        var context = span?.Context ?? default;
        start.Headers = TemporalTracing.WithContext(start.Headers, context);
        return await base.StartUpdateWithStartWorkflowAsync<TResult>(
            input with { Headers = TemporalTracing.WithContext(input.Headers, context) });
    }

    private static Activity? StartSpan(string name, string? workflowId)
    {
        var span = TemporalTracing.Client.StartActivity(name, ActivityKind.Client);
        span?.SetTag(TemporalTracing.WorkflowIdTag, workflowId);
        return span;
    }
}
