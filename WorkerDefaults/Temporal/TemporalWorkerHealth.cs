using System.Collections.Concurrent;

namespace Agentic.WorkerDefaults.Temporal;

/// <summary>The state of every gated worker in this process, by task queue.</summary>
public sealed class TemporalWorkerHealth
{
    private readonly ConcurrentDictionary<string, TemporalWorkerState> _states = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, TemporalWorkerState> States => _states;

    public void Set(string taskQueue, TemporalWorkerState state) => _states[taskQueue] = state;
}
