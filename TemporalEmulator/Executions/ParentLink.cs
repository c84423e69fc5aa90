namespace Agentic.Emulator.Executions;

/// <summary>Where a child reports its close: the parent run and the event that initiated the child.</summary>
internal sealed record ParentLink(WorkflowRun Parent, long InitiatedEventId);
