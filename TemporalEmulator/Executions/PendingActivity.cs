using Agentic.Emulator.Time;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

/// <summary>An activity between its Scheduled event and its terminal event, across attempts.</summary>
internal sealed class PendingActivity(long scheduledEventId, ActivityTaskScheduledEventAttributes attributes, DateTime scheduledTime)
{
    public long ScheduledEventId { get; } = scheduledEventId;

    /// <summary>The scheduled event's attributes; replaced by a changed copy when an operator updates the options.</summary>
    public ActivityTaskScheduledEventAttributes Attributes { get; set; } = attributes;

    public bool OptionsUpdated { get; set; }

    public DateTime ScheduledTime { get; } = scheduledTime;

    public int Attempt { get; set; } = 1;

    public PendingActivityPhase Phase { get; set; } = PendingActivityPhase.Queued;

    public DateTime AttemptScheduledTime { get; set; } = scheduledTime;

    public DateTime? StartedTime { get; set; }

    public string? WorkerIdentity { get; set; }

    public string StartRequestId { get; set; } = string.Empty;

    public bool CancelRequested { get; set; }

    /// <summary>Paused by an operator: the running attempt may finish, but no new attempt is dispatched until unpaused.</summary>
    public bool Paused { get; set; }

    public string PauseRequestId { get; set; } = string.Empty;

    /// <summary>Reset while an attempt ran: that attempt's heartbeats report it, and the next attempt is number 1.</summary>
    public bool ResetRequested { get; set; }

    public long CancelRequestedEventId { get; set; }

    public Payloads? HeartbeatDetails { get; set; }

    public DateTime? LastHeartbeatTime { get; set; }

    public Failure? LastFailure { get; set; }

    /// <summary>When the next attempt is due, while the activity waits out a retry backoff.</summary>
    public DateTime? NextAttemptTime { get; set; }

    public long StartedEventId { get; set; }

    public ScheduledTimer? ScheduleToCloseTimer { get; set; }

    public ScheduledTimer? AttemptTimer { get; set; }

    public ScheduledTimer? HeartbeatTimer { get; set; }

    public DateTime? Expiration => Attributes.ScheduleToCloseTimeout is { } timeout && timeout.ToTimeSpan() > TimeSpan.Zero
        ? ScheduledTime + timeout.ToTimeSpan()
        : null;

    public void CancelTimers()
    {
        AttemptTimer?.Cancel();
        HeartbeatTimer?.Cancel();
        AttemptTimer = null;
        HeartbeatTimer = null;
    }
}
