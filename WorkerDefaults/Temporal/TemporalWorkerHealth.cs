using System.Collections.Concurrent;

namespace Agentic.WorkerDefaults.Temporal;

/// <summary>The state of every gated worker in this process, by task queue.</summary>
public sealed class TemporalWorkerHealth(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TemporalWorkerStatus> _states = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, TemporalWorkerStatus> States => _states;

    public void Set(string taskQueue, TemporalWorkerState state) =>
        _states[taskQueue] = new TemporalWorkerStatus(state, time.GetUtcNow());
}
