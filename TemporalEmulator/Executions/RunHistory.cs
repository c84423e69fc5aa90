using Google.Protobuf;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

/// <summary>
/// A run's events. Closed runs keep them as serialized protobuf, a fraction of the object graph's size,
/// and expand them on the rare read (history fetch, query of a closed run); the close event stays at hand
/// for result polls.
/// </summary>
internal sealed class RunHistory
{
    private List<HistoryEvent> _events = [];
    private byte[]? _compacted;
    private int _count;
    private HistoryEvent? _last;

    public int Count => _count;

    /// <summary>Serialized size of the events, as the server reports it to workers.</summary>
    public long SizeBytes { get; private set; }

    public HistoryEvent? Last => _last;

    public void Add(HistoryEvent historyEvent)
    {
        Expand().Add(historyEvent);
        _count++;
        SizeBytes += historyEvent.CalculateSize();
        _last = historyEvent;
    }

    /// <summary>The event with id <paramref name="eventId"/>, to amend while it is being written.</summary>
    public HistoryEvent At(long eventId) => Expand()[(int)eventId - 1];

    /// <summary>The events after the first <paramref name="count"/>, as a new list.</summary>
    public List<HistoryEvent> After(int count) => From(count + 1);

    /// <summary>The events from <paramref name="fromEventId"/> on, as a new list.</summary>
    public List<HistoryEvent> From(long fromEventId)
    {
        var events = _compacted is null ? _events : Parse();
        return fromEventId <= 1 ? [.. events] : events.Skip((int)fromEventId - 1).ToList();
    }

    public IReadOnlyList<HistoryEvent> All => _compacted is null ? _events : Parse();

    public void Compact()
    {
        if (_compacted is not null)
        {
            return;
        }

        var history = new History();
        history.Events.AddRange(_events);
        _compacted = history.ToByteArray();
        _events = [];
    }

    private List<HistoryEvent> Expand()
    {
        if (_compacted is not null)
        {
            _events = Parse();
            _compacted = null;
        }

        return _events;
    }

    private List<HistoryEvent> Parse() => [.. History.Parser.ParseFrom(_compacted).Events];
}
