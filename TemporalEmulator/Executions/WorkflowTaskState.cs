namespace Agentic.Emulator.Executions;

/// <summary>Where a run's single workflow task stands.</summary>
internal enum WorkflowTaskState
{
    None,
    Scheduled,
    Started,
}
