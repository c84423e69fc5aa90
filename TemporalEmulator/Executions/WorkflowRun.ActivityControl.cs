using Agentic.Emulator.Frontend;

namespace Agentic.Emulator.Executions;

/// <summary>Operator controls over a pending activity (pause, unpause, reset), with the server's rules.</summary>
internal sealed partial class WorkflowRun
{
    /// <summary>
    /// Pauses an activity by id, or the first pending one of a type. A running attempt goes on (its heartbeats now
    /// report the pause, and the SDK cancels it); the queued attempt is withdrawn, and no retry is dispatched.
    /// </summary>
    public void PauseActivity(string? activityId, string? activityType, string requestId) => Locked(() =>
    {
        var activity = FindControlledActivity(activityId, activityType);
        if (activity.Paused)
        {
            if (requestId.Length > 0 && activity.PauseRequestId == requestId)
            {
                return;
            }

            throw RpcErrors.FailedPrecondition("activity is already paused");
        }

        activity.Paused = true;
        activity.PauseRequestId = requestId;
        if (activity.Phase == PendingActivityPhase.Queued)
        {
            // The queued task goes stale (StartActivityTask skips paused activities); the schedule-to-start clock stops.
            activity.AttemptTimer?.Cancel();
            activity.AttemptTimer = null;
        }
    });

    /// <summary>Unpauses an activity: an attempt that was waiting is dispatched now, optionally from attempt 1.</summary>
    public void UnpauseActivity(string? activityId, string? activityType, bool resetAttempts, bool resetHeartbeat) => Locked(() =>
    {
        var activity = FindControlledActivity(activityId, activityType);
        if (!activity.Paused)
        {
            return;
        }

        activity.Paused = false;
        activity.PauseRequestId = string.Empty;
        if (resetHeartbeat)
        {
            activity.HeartbeatDetails = null;
            activity.LastHeartbeatTime = null;
        }

        switch (activity.Phase)
        {
            case PendingActivityPhase.Queued:
                activity.Attempt = resetAttempts ? 1 : activity.Attempt;
                EnqueueAttempt(activity);
                break;
            case PendingActivityPhase.Backoff:
                activity.AttemptTimer?.Cancel();
                activity.Attempt = resetAttempts ? 1 : activity.Attempt + 1;
                _context.TaskOutstanding(true);
                EnqueueAttempt(activity);
                break;
            default:
                // A running attempt keeps its number, so its worker can still report it.
                break;
        }
    });

    /// <summary>
    /// Resets an activity to attempt 1 (and unpauses it unless asked to keep it paused). A running attempt goes on
    /// and learns of the reset from its heartbeats; a waiting one is dispatched now as attempt 1.
    /// </summary>
    public void ResetActivity(string? activityId, string? activityType, bool resetHeartbeat, bool keepPaused) => Locked(() =>
    {
        var activity = FindControlledActivity(activityId, activityType);
        if (resetHeartbeat)
        {
            activity.HeartbeatDetails = null;
            activity.LastHeartbeatTime = null;
        }

        if (!keepPaused)
        {
            activity.Paused = false;
            activity.PauseRequestId = string.Empty;
        }

        switch (activity.Phase)
        {
            case PendingActivityPhase.Started:
                activity.ResetRequested = true;
                break;
            case PendingActivityPhase.Backoff:
                activity.AttemptTimer?.Cancel();
                activity.Attempt = 0;
                if (!activity.Paused)
                {
                    activity.Attempt = 1;
                    _context.TaskOutstanding(true);
                    EnqueueAttempt(activity);
                }

                break;
            default:
                activity.AttemptTimer?.Cancel();
                activity.Attempt = 1;
                if (!activity.Paused)
                {
                    // The task already queued for the old attempt goes stale; this one replaces it.
                    EnqueueAttempt(activity);
                }

                break;
        }
    });

    private PendingActivity FindControlledActivity(string? activityId, string? activityType)
    {
        if (!IsRunning)
        {
            throw RpcErrors.NotFound("workflow execution already completed");
        }

        PendingActivity? found = null;
        if (!string.IsNullOrEmpty(activityId))
        {
            found = _activityIds.TryGetValue(activityId, out var scheduledEventId) ? _activities[scheduledEventId] : null;
        }
        else if (!string.IsNullOrEmpty(activityType))
        {
            found = _activities.Values.OrderBy(a => a.ScheduledEventId).FirstOrDefault(a => a.Attributes.ActivityType.Name == activityType);
        }

        return found ?? throw RpcErrors.NotFound($"activity {activityId ?? activityType} not found");
    }
}
