namespace Agentic.Deploy;

/// <summary>When a worker's alarms fire; docs/operations.md says what each means and what to do.</summary>
public sealed record WorkerAlarmThresholds
{
    /// <summary>Average wait of a workflow task for a free worker slot (a healthy worker picks them up at once).</summary>
    public TimeSpan WorkflowTaskScheduleToStart { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Average wait of an activity for a free slot; batch work queues on purpose, so this is generous.</summary>
    public TimeSpan ActivityScheduleToStart { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Failed activity attempts as a share of all attempts, in percent.</summary>
    public double ActivityFailurePercent { get; init; } = 20;

    /// <summary>Memory use of the service's tasks, in percent of their reservation.</summary>
    public double MemoryPercent { get; init; } = 85;

    /// <summary>Minutes a condition must hold before the alarm fires.</summary>
    public int EvaluationMinutes { get; init; } = 10;
}
