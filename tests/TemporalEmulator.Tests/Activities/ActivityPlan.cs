namespace Agentic.Emulator.Tests.Activities;

/// <summary>
/// What the workflow schedules: which activity (Kind: flaky, block, heartbeat-stall, heartbeat-details,
/// heartbeat-cancel, async, async-cancel),
/// how a flaky one fails (attempts before SucceedOnAttempt throw ErrorType, optionally non-retryable or asking
/// for NextRetryDelay), and the activity's timeouts, retry policy and task queue.
/// </summary>
public record ActivityPlan(
    string Kind,
    int SucceedOnAttempt = 1,
    string ErrorType = "Flaky",
    bool NonRetryable = false,
    TimeSpan? NextRetryDelay = null,
    TimeSpan? ScheduleToStart = null,
    TimeSpan? ScheduleToClose = null,
    TimeSpan? StartToClose = null,
    TimeSpan? Heartbeat = null,
    TimeSpan? InitialInterval = null,
    double BackoffCoefficient = 2,
    TimeSpan? MaximumInterval = null,
    int MaximumAttempts = 0,
    IReadOnlyCollection<string>? NonRetryableErrorTypes = null,
    string? TaskQueue = null);
