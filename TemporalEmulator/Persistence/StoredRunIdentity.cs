namespace Agentic.Emulator.Persistence;

/// <summary>What identifies a run beyond its history: where it lives, how it was started, who its parent is.</summary>
internal sealed record StoredRunIdentity(
    string Namespace, string WorkflowId, string StartRequestId, string? ParentRunId, long ParentInitiatedEventId);
