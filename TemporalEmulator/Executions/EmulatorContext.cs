using System.Collections.Concurrent;
using Agentic.Emulator.TaskQueues;
using Agentic.Emulator.Time;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;

namespace Agentic.Emulator.Executions;

/// <summary>The shared parts every execution reaches: time, the stores, the task queues.</summary>
internal sealed class EmulatorContext
{
    private const string SearchAttributeDocument = "search-attribute";

    private long _sequence;
    private long _outstandingTasks;

    public EmulatorContext(EmulatorClock clock, ILoggerFactory loggerFactory)
    {
        Clock = clock;
        Logger = loggerFactory.CreateLogger("Agentic.Emulator");
        Executions = new ExecutionStore(this);
        Namespaces = new NamespaceRegistry(this);
        clock.IsIdle = () => Interlocked.Read(ref _outstandingTasks) == 0;
        Schedules = new Schedules.ScheduleStore(this);
    }

    public EmulatorClock Clock { get; }

    /// <summary>Where state is written through when the emulator runs on a database file; null in memory.</summary>
    public Persistence.IEmulatorStore? Store { get; init; }

    /// <summary>History length and size at which a workflow task suggests continue-as-new.</summary>
    public (int Count, long SizeBytes) SuggestContinueAsNewAt { get; init; } = (4 * 1024, 4 * 1024 * 1024);

    public ILogger Logger { get; }

    public ExecutionStore Executions { get; }

    public NamespaceRegistry Namespaces { get; }

    public Schedules.ScheduleStore Schedules { get; }

    public TaskQueueRegistry TaskQueues { get; } = new();

    /// <summary>Cancelled when the emulator stops, so long polls answer at once.</summary>
    public CancellationTokenSource Stopping { get; } = new();

    /// <summary>
    /// Custom search attributes a list query may use, with their types: the dev server's predefined ones plus
    /// any a run has set (the emulator registers attributes on first use instead of through the operator API).
    /// </summary>
    public ConcurrentDictionary<string, IndexedValueType> CustomSearchAttributes { get; } = new(
        new Dictionary<string, IndexedValueType>
        {
            ["CustomKeywordField"] = IndexedValueType.Keyword,
            ["CustomStringField"] = IndexedValueType.Text,
            ["CustomTextField"] = IndexedValueType.Text,
            ["CustomIntField"] = IndexedValueType.Int,
            ["CustomDatetimeField"] = IndexedValueType.Datetime,
            ["CustomDoubleField"] = IndexedValueType.Double,
            ["CustomBoolField"] = IndexedValueType.Bool,
        },
        StringComparer.Ordinal);

    /// <summary>Records the attributes a run set, typed by their payloads' <c>type</c> metadata.</summary>
    public void RegisterSearchAttributes(IEnumerable<KeyValuePair<string, Payload>> attributes)
    {
        foreach (var (name, payload) in attributes)
        {
            var type = payload.Metadata.TryGetValue("type", out var raw)
                && Enum.TryParse<IndexedValueType>(raw.ToStringUtf8(), ignoreCase: true, out var parsed)
                ? parsed
                : IndexedValueType.Keyword;
            AddSearchAttribute(name, type);
        }
    }

    /// <summary>Registers a custom search attribute; false when one of that name exists already.</summary>
    public bool AddSearchAttribute(string name, IndexedValueType type)
    {
        if (!CustomSearchAttributes.TryAdd(name, type))
        {
            return false;
        }

        Store?.PutDocument(SearchAttributeDocument, name, BitConverter.GetBytes((int)type));
        return true;
    }

    /// <summary>Brings back the namespaces and search attributes a database file holds.</summary>
    public void RestoreRegistrations()
    {
        if (Store is null)
        {
            return;
        }

        foreach (var (name, data) in Store.LoadDocuments(SearchAttributeDocument))
        {
            CustomSearchAttributes.TryAdd(name, (IndexedValueType)BitConverter.ToInt32(data));
        }

        foreach (var (_, data) in Store.LoadDocuments(NamespaceRegistry.DocumentKind))
        {
            Namespaces.Restore(Temporalio.Api.WorkflowService.V1.DescribeNamespaceResponse.Parser.ParseFrom(data));
        }
    }

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Counts scheduled or running workflow and activity tasks; time skipping waits for zero.</summary>
    public void TaskOutstanding(bool added) => Interlocked.Add(ref _outstandingTasks, added ? 1 : -1);
}
