using Agentic.Emulator.TaskQueues;
using Agentic.Emulator.Time;

namespace Agentic.Emulator.Executions;

/// <summary>The shared parts every execution reaches: time, the stores, the task queues.</summary>
internal sealed class EmulatorContext
{
    private long _sequence;
    private long _outstandingTasks;

    public EmulatorContext(EmulatorClock clock, ILoggerFactory loggerFactory)
    {
        Clock = clock;
        Logger = loggerFactory.CreateLogger("Agentic.Emulator");
        Executions = new ExecutionStore(this);
        clock.IsIdle = () => Interlocked.Read(ref _outstandingTasks) == 0;
    }

    public EmulatorClock Clock { get; }

    public ILogger Logger { get; }

    public ExecutionStore Executions { get; }

    public NamespaceRegistry Namespaces { get; } = new();

    public TaskQueueRegistry TaskQueues { get; } = new();

    /// <summary>Cancelled when the emulator stops, so long polls answer at once.</summary>
    public CancellationTokenSource Stopping { get; } = new();

    /// <summary>
    /// Custom search attribute names a list query may use: the dev server's predefined ones plus any a run
    /// has set (the emulator registers attributes on first use instead of through the operator API).
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> SearchAttributeNames { get; } = new(
        new[] { "CustomKeywordField", "CustomStringField", "CustomTextField", "CustomIntField", "CustomDatetimeField", "CustomDoubleField", "CustomBoolField" }
            .Select(name => KeyValuePair.Create(name, true)),
        StringComparer.Ordinal);

    public void RegisterSearchAttributes(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            SearchAttributeNames.TryAdd(name, true);
        }
    }

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Counts scheduled or running workflow and activity tasks; time skipping waits for zero.</summary>
    public void TaskOutstanding(bool added) => Interlocked.Add(ref _outstandingTasks, added ? 1 : -1);
}
