using Agentic.Emulator.Tests.Common;
using Agentic.Testing;
using Temporalio.Activities;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.ServerParity;

public class ActivityPauseTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;

    [Fact]
    public async Task PauseActivity_Running_CancelledAsPausedAndNotRetriedUntilUnpaused()
    {
        var taskQueue = Unique.TaskQueue();
        var activities = new PausableActivities();
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(taskQueue)
            .AddWorkflow<PausableWorkflow>()
            .AddAllActivities(activities));
        var (result, pausedState) = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (PausableWorkflow wf) => wf.RunAsync(new PausableInput("paused")), new WorkflowOptions(Unique.WorkflowId("pause"), taskQueue));
            await Poll.UntilAsync(() => activities.Attempts == 1, Deadlines.Result, "the first attempt running");
            var execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = handle.Id };

            await _client.WorkflowService.PauseActivityAsync(new PauseActivityRequest
            {
                Namespace = fixture.Emulator.Namespace, Execution = execution, Id = "pausable", Identity = "operator", RequestId = "pause-1",
            });

            // The worker learns of the pause from its next heartbeat, cancels the attempt, and the server holds the retry.
            await Poll.UntilAsync(
                async () => (await handle.DescribeRawAsync()).PendingActivities.SingleOrDefault()?.State == PendingActivityState.Paused,
                Deadlines.Result,
                "the activity paused and waiting");
            var paused = (await handle.DescribeRawAsync()).PendingActivities.Single();
            Assert.Equal(1, activities.Attempts);

            await _client.WorkflowService.UnpauseActivityAsync(new UnpauseActivityRequest
            {
                Namespace = fixture.Emulator.Namespace, Execution = execution, Id = "pausable", Identity = "operator",
            });
            return (await handle.GetResultAsync().WithDeadline(), paused);
        });

        Assert.True(pausedState.Paused);
        Assert.Equal([ActivityCancelReason.Paused], activities.CancelReasons);
        Assert.Equal(2, activities.Attempts);
        Assert.Equal(new PausableOutput("paused", 2), result);
    }

    [Fact]
    public async Task ResetActivity_PausedAfterAFailedAttempt_RunsAgainAsAttemptOne()
    {
        var taskQueue = Unique.TaskQueue();
        var activities = new PausableActivities();
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(taskQueue)
            .AddWorkflow<PausableWorkflow>()
            .AddAllActivities(activities));
        var result = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (PausableWorkflow wf) => wf.RunAsync(new PausableInput("reset")), new WorkflowOptions(Unique.WorkflowId("reset"), taskQueue));
            await Poll.UntilAsync(() => activities.Attempts == 1, Deadlines.Result, "the first attempt running");
            var execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = handle.Id };
            await _client.WorkflowService.PauseActivityAsync(new PauseActivityRequest
            {
                Namespace = fixture.Emulator.Namespace, Execution = execution, Type = "Work", Identity = "operator",
            });
            await Poll.UntilAsync(
                async () => (await handle.DescribeRawAsync()).PendingActivities.SingleOrDefault()?.State == PendingActivityState.Paused,
                Deadlines.Result,
                "the activity paused and waiting");

            await _client.WorkflowService.ResetActivityAsync(new ResetActivityRequest
            {
                Namespace = fixture.Emulator.Namespace, Execution = execution, Id = "pausable", Identity = "operator",
            });
            return await handle.GetResultAsync().WithDeadline();
        });

        // Unpausing would have run attempt 2; a reset starts over from attempt 1.
        Assert.Equal(new PausableOutput("reset", 1), result);
        Assert.Equal(2, activities.Attempts);
    }

    [Fact]
    public async Task UpdateActivityOptions_MaximumAttemptsOne_NextFailureIsFinal()
    {
        var taskQueue = Unique.TaskQueue();
        var activities = new PausableActivities();
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(taskQueue)
            .AddWorkflow<PausableWorkflow>()
            .AddAllActivities(activities));
        var (response, described, failure) = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (PausableWorkflow wf) => wf.RunAsync(new PausableInput("options")), new WorkflowOptions(Unique.WorkflowId("options"), taskQueue));
            await Poll.UntilAsync(() => activities.Attempts == 1, Deadlines.Result, "the first attempt running");
            var execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = handle.Id };
            var update = new UpdateActivityOptionsRequest
            {
                Namespace = fixture.Emulator.Namespace,
                Execution = execution,
                Id = "pausable",
                ActivityOptions = new Temporalio.Api.Activity.V1.ActivityOptions { RetryPolicy = new() { MaximumAttempts = 1 } },
                UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask(),
            };
            update.UpdateMask.Paths.Add("retry_policy.maximum_attempts");

            var response = await _client.WorkflowService.UpdateActivityOptionsAsync(update);
            var described = (await handle.DescribeRawAsync()).PendingActivities.Single().ActivityOptions;

            // Pausing makes the worker cancel the running attempt; with one attempt allowed, that failure is final.
            await _client.WorkflowService.PauseActivityAsync(new PauseActivityRequest
            {
                Namespace = fixture.Emulator.Namespace, Execution = execution, Id = "pausable",
            });
            var failure = await Assert.ThrowsAsync<Temporalio.Exceptions.WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline());
            return (response, described, failure);
        });

        Assert.Equal(1, response.ActivityOptions.RetryPolicy.MaximumAttempts);
        Assert.Equal(60, response.ActivityOptions.StartToCloseTimeout.Seconds);
        Assert.Equal(1, described.RetryPolicy.MaximumAttempts);
        var activityFailure = Assert.IsType<Temporalio.Exceptions.ActivityFailureException>(failure.InnerException);
        Assert.Equal(RetryState.MaximumAttemptsReached, activityFailure.RetryState);
        Assert.Equal(1, activities.Attempts);
    }

    [Fact]
    public async Task PauseActivity_UnknownActivity_NotFound()
    {
        var handle = await _client.StartWorkflowAsync(
            (PausableWorkflow wf) => wf.RunAsync(new PausableInput("x")), new WorkflowOptions(Unique.WorkflowId("pause"), Unique.TaskQueue()));

        var error = await Assert.ThrowsAsync<Temporalio.Exceptions.RpcException>(() => _client.WorkflowService.PauseActivityAsync(new PauseActivityRequest
        {
            Namespace = fixture.Emulator.Namespace,
            Execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = handle.Id },
            Id = "missing",
        }));

        Assert.Equal(Temporalio.Exceptions.RpcException.StatusCode.NotFound, error.Code);
        await handle.TerminateAsync("done");
    }
}
