using Temporalio.Client;
using Temporalio.Client.Interceptors;

namespace Agentic.EvalService.Tests.Grpc;

/// <summary>
/// A client interceptor that holds every signal-with-start until released: eval-service's word to the turn that
/// its caller was answered late, slowed down (an overloaded server) or never sent (a crash right after the answer).
/// </summary>
internal sealed class HeldSignals : IClientInterceptor
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>How many signal-with-start calls are waiting.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _release.TrySetResult();

    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) => new Outbound(this, nextInterceptor);

    /// <summary>The same connection and data converter as <paramref name="client"/>, with signal-with-start held.</summary>
    public ITemporalClient Around(ITemporalClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var options = (TemporalClientOptions)client.Options.Clone();
        options.Interceptors = [.. options.Interceptors ?? [], this];
        return new TemporalClient(client.Connection, options);
    }

    private sealed class Outbound(HeldSignals owner, ClientOutboundInterceptor next) : ClientOutboundInterceptor(next)
    {
        public override async Task<WorkflowHandle<TWorkflow, TResult>> StartWorkflowAsync<TWorkflow, TResult>(StartWorkflowInput input)
        {
            if (input.Options.StartSignal is not null)
            {
                Interlocked.Increment(ref owner._held);
                await owner._release.Task;
                Interlocked.Decrement(ref owner._held);
            }

            return await base.StartWorkflowAsync<TWorkflow, TResult>(input);
        }
    }
}
