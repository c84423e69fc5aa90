namespace Agentic.Emulator.Tests.Schedules;

/// <param name="WorkflowId">The run's own id (the schedule's workflow id plus the nominal time).</param>
/// <param name="RanAt">The run's workflow clock.</param>
/// <param name="PreviousResult">The last completed scheduled run's id, as the schedule hands it on (null for the first).</param>
public record ScheduledOutput(string WorkflowId, DateTime RanAt, string? PreviousResult);
