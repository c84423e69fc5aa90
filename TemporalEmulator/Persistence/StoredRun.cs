using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Persistence;

/// <summary>A run as stored: identity, history, buffered events and pending activities' attempt state.</summary>
internal sealed record StoredRun(
    string RunId,
    StoredRunIdentity Identity,
    IReadOnlyList<HistoryEvent> Events,
    IReadOnlyList<HistoryEvent> Buffered,
    byte[]? Activities);
