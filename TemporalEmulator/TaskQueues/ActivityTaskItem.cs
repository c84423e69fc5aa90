using Agentic.Emulator.Executions;

namespace Agentic.Emulator.TaskQueues;

/// <summary>One attempt of an activity waiting for a poller.</summary>
internal sealed record ActivityTaskItem(WorkflowRun Execution, long ScheduledEventId, int Attempt);
