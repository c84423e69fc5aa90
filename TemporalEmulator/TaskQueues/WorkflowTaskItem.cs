using Agentic.Emulator.Executions;

namespace Agentic.Emulator.TaskQueues;

/// <summary>A workflow task (or, with <see cref="QueryId"/>, a legacy query task) waiting for a poller.</summary>
internal sealed record WorkflowTaskItem(WorkflowRun Execution, long ScheduledEventId, long QueryId = 0);
