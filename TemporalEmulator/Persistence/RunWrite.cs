using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Persistence;

/// <summary>One change of a run: the identity columns (first write only), new events, and the state history does not hold.</summary>
internal sealed record RunWrite(string RunId, IReadOnlyList<HistoryEvent> NewEvents)
{
    /// <summary>Set on the run's first write.</summary>
    public StoredRunIdentity? Identity { get; init; }

    /// <summary>Events waiting for the running workflow task to end; null when unchanged.</summary>
    public IReadOnlyList<HistoryEvent>? Buffered { get; init; }

    /// <summary>The pending activities' attempt state (<see cref="ActivitySnapshot"/>); null when unchanged.</summary>
    public byte[]? Activities { get; init; }
}
