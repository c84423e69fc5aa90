using Agentic.Emulator.Executions;

namespace Agentic.Emulator.TaskQueues;

/// <summary>
/// A workflow task (or, with <see cref="QueryId"/>, a legacy query task) waiting for a poller;
/// <see cref="Sticky"/> when it waits on the worker's sticky queue and may carry only the new events.
/// </summary>
internal sealed record WorkflowTaskItem(WorkflowRun Execution, long ScheduledEventId, long QueryId = 0, bool Sticky = false);
