using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Activities;

/// <summary>Runs one activity as the plan describes; failures propagate so the client sees the whole chain.</summary>
[Workflow]
public class ActivityPlanWorkflow
{
    private bool _cancelRequested;

    [WorkflowRun]
    public async Task<ActivityPlanOutput> RunAsync(ActivityPlan plan)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
        var options = new ActivityOptions
        {
            ScheduleToStartTimeout = plan.ScheduleToStart,
            ScheduleToCloseTimeout = plan.ScheduleToClose,
            StartToCloseTimeout = plan.StartToClose,
            HeartbeatTimeout = plan.Heartbeat,
            TaskQueue = plan.TaskQueue,
            CancellationToken = cancel.Token,
            CancellationType = ActivityCancellationType.WaitCancellationCompleted,
            RetryPolicy = new RetryPolicy
            {
                InitialInterval = plan.InitialInterval ?? TimeSpan.FromMilliseconds(100),
                BackoffCoefficient = (float)plan.BackoffCoefficient,
                MaximumInterval = plan.MaximumInterval,
                MaximumAttempts = plan.MaximumAttempts,
                NonRetryableErrorTypes = plan.NonRetryableErrorTypes,
            },
        };

        switch (plan.Kind)
        {
            case "flaky":
                var flaky = new FlakyActivityInput(plan.SucceedOnAttempt, plan.ErrorType, plan.NonRetryable, plan.NextRetryDelay);
                return await Workflow.ExecuteActivityAsync((PlanActivities a) => a.FlakyAsync(flaky), options);
            case "block":
                return await Workflow.ExecuteActivityAsync((PlanActivities a) => a.BlockAsync(), options);
            case "heartbeat-stall":
                return await Workflow.ExecuteActivityAsync((PlanActivities a) => a.HeartbeatThenStallAsync(), options);
            case "heartbeat-details":
                return await Workflow.ExecuteActivityAsync((PlanActivities a) => a.HeartbeatDetailsAsync(), options);
            case "async":
                return await Workflow.ExecuteActivityAsync((PlanActivities a) => a.CompleteLaterAsync(), options);
            case "heartbeat-cancel":
            case "async-cancel":
                var activity = plan.Kind == "async-cancel"
                    ? Workflow.ExecuteActivityAsync((PlanActivities a) => a.CompleteLaterAsync(), options)
                    : Workflow.ExecuteActivityAsync((PlanActivities a) => a.HeartbeatUntilCanceledAsync(), options);
                await Workflow.WaitConditionAsync(() => _cancelRequested);
                cancel.Cancel();
                try
                {
                    await activity;
                    return new ActivityPlanOutput("not canceled");
                }
                catch (ActivityFailureException e) when (e.InnerException is CanceledFailureException)
                {
                    return new ActivityPlanOutput("canceled");
                }

            default:
                throw new ApplicationFailureException($"unknown plan {plan.Kind}", nonRetryable: true);
        }
    }

    [WorkflowSignal]
    public Task CancelActivityAsync(ActivityCancelSignal signal)
    {
        _cancelRequested = true;
        return Task.CompletedTask;
    }
}
