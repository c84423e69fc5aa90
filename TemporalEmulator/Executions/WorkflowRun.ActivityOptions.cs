using Agentic.Emulator.Frontend;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Activity.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    /// <summary>
    /// Changes a pending activity's options (the fields the mask names, snake_case as the server takes them). They
    /// apply from the next attempt on, and to the schedule-to-close deadline at once; history keeps the scheduled event.
    /// </summary>
    public ActivityOptions UpdateActivityOptions(string? activityId, string? activityType, ActivityOptions options, FieldMask mask) => Locked(() =>
    {
        var activity = FindControlledActivity(activityId, activityType);
        var updated = activity.Attributes.Clone();
        updated.RetryPolicy ??= new Temporalio.Api.Common.V1.RetryPolicy();
        foreach (var path in mask.Paths)
        {
            ApplyOptionPath(updated, options, SnakeCase(path));
        }

        updated.RetryPolicy = RetryPolicies.WithDefaults(updated.RetryPolicy);
        activity.Attributes = updated;
        activity.OptionsUpdated = true;
        activity.ScheduleToCloseTimer?.Cancel();
        if (activity.Expiration is { } expiration)
        {
            var id = activity.ScheduledEventId;
            activity.ScheduleToCloseTimer = _context.Clock.Schedule(
                expiration, () => Locked(() => OnActivityTimeout(id, 0, TimeoutType.ScheduleToClose)));
        }

        return ActivityOptionsOf(updated);
    });

    private static ActivityOptions ActivityOptionsOf(ActivityTaskScheduledEventAttributes attributes) => new()
    {
        ScheduleToCloseTimeout = attributes.ScheduleToCloseTimeout,
        ScheduleToStartTimeout = attributes.ScheduleToStartTimeout,
        StartToCloseTimeout = attributes.StartToCloseTimeout,
        HeartbeatTimeout = attributes.HeartbeatTimeout,
        RetryPolicy = attributes.RetryPolicy,
        Priority = attributes.Priority,
    };

    private static void ApplyOptionPath(ActivityTaskScheduledEventAttributes target, ActivityOptions source, string path)
    {
        var retry = source.RetryPolicy ?? new Temporalio.Api.Common.V1.RetryPolicy();
        switch (path)
        {
            case "schedule_to_close_timeout":
                target.ScheduleToCloseTimeout = source.ScheduleToCloseTimeout;
                break;
            case "schedule_to_start_timeout":
                target.ScheduleToStartTimeout = source.ScheduleToStartTimeout;
                break;
            case "start_to_close_timeout":
                target.StartToCloseTimeout = source.StartToCloseTimeout ?? throw RpcErrors.InvalidArgument("activity_options.start_to_close_timeout is required");
                break;
            case "heartbeat_timeout":
                target.HeartbeatTimeout = source.HeartbeatTimeout;
                break;
            case "priority":
                target.Priority = source.Priority;
                break;
            case "retry_policy":
                target.RetryPolicy = retry.Clone();
                break;
            case "retry_policy.initial_interval":
                target.RetryPolicy.InitialInterval = retry.InitialInterval;
                break;
            case "retry_policy.backoff_coefficient":
                target.RetryPolicy.BackoffCoefficient = retry.BackoffCoefficient;
                break;
            case "retry_policy.maximum_interval":
                target.RetryPolicy.MaximumInterval = retry.MaximumInterval;
                break;
            case "retry_policy.maximum_attempts":
                target.RetryPolicy.MaximumAttempts = retry.MaximumAttempts;
                break;
            case "retry_policy.non_retryable_error_types":
                target.RetryPolicy.NonRetryableErrorTypes.Clear();
                target.RetryPolicy.NonRetryableErrorTypes.Add(retry.NonRetryableErrorTypes);
                break;
            default:
                throw RpcErrors.InvalidArgument($"update_mask: '{path}' is not an activity option the Temporal emulator can update");
        }
    }

    /// <summary>Field mask paths may come in JSON's camelCase; the options are named in snake_case.</summary>
    private static string SnakeCase(string path) =>
        string.Concat(path.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}
