using Agentic.Emulator.Frontend;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.TaskQueue.V1;

namespace Agentic.Emulator.Executions;

/// <summary>
/// Builds a run's start attributes the one way the server does, for client starts and child starts alike:
/// defaulted timeouts, execution expiry, the cron schedule's first backoff.
/// </summary>
internal static class StartAttributes
{
    private static readonly Duration DefaultTaskTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10));

    public static WorkflowExecutionStartedEventAttributes Build(DateTime now, WorkflowStartSpec spec)
    {
        var attributes = new WorkflowExecutionStartedEventAttributes
        {
            WorkflowId = spec.WorkflowId,
            WorkflowType = spec.WorkflowType,
            TaskQueue = new TaskQueue { Name = spec.TaskQueue.Name, Kind = TaskQueueKind.Normal },
            Input = spec.Input,
            WorkflowExecutionTimeout = Positive(spec.ExecutionTimeout),
            WorkflowRunTimeout = Positive(spec.RunTimeout) ?? Positive(spec.ExecutionTimeout),
            WorkflowTaskTimeout = Positive(spec.TaskTimeout) ?? DefaultTaskTimeout,
            RetryPolicy = spec.RetryPolicy,
            CronSchedule = spec.CronSchedule,
            Memo = spec.Memo,
            SearchAttributes = spec.SearchAttributes,
            Header = spec.Header,
            Priority = spec.Priority,
            Attempt = 1,
        };
        if (!string.IsNullOrEmpty(spec.CronSchedule))
        {
            if (!CronSchedule.TryParse(spec.CronSchedule, out var schedule))
            {
                throw RpcErrors.InvalidArgument($"cron_schedule '{spec.CronSchedule}' is invalid");
            }

            attributes.FirstWorkflowTaskBackoff = Duration.FromTimeSpan(schedule!.Next(now) - now);
        }

        if (Positive(spec.ExecutionTimeout) is { } timeout)
        {
            attributes.WorkflowExecutionExpirationTime = Timestamp.FromDateTime(now + timeout.ToTimeSpan());
        }

        return attributes;
    }

    public static Duration? Positive(Duration? duration) =>
        duration is not null && duration.ToTimeSpan() > TimeSpan.Zero ? duration : null;
}
