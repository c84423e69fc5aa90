using System.Collections.Concurrent;
using Agentic.Testing;
using Temporalio.Activities;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.Emulator.Tests.Activities;

/// <summary>Activities that fail, block, heartbeat or complete asynchronously, recording every attempt.</summary>
public class PlanActivities(ITemporalClient client)
{
    private readonly ConcurrentQueue<AttemptRecord> _attempts = new();
    private readonly TaskCompletionSource<byte[]> _taskToken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ActivityInfo> _asyncInfo = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelObserved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<AttemptRecord> Attempts => [.. _attempts];

    public Task<byte[]> TaskToken => _taskToken.Task;

    public Task<ActivityInfo> AsyncInfo => _asyncInfo.Task;

    public Task CancelObserved => _cancelObserved.Task;

    [Activity]
    public Task<ActivityPlanOutput> FlakyAsync(FlakyActivityInput input)
    {
        var attempt = Record();
        if (attempt < input.SucceedOnAttempt)
        {
            throw new ApplicationFailureException(
                $"attempt {attempt} failed", errorType: input.ErrorType, nonRetryable: input.NonRetryable, nextRetryDelay: input.NextRetryDelay);
        }

        return Task.FromResult(new ActivityPlanOutput($"succeeded on attempt {attempt}"));
    }

    [Activity]
    public async Task<ActivityPlanOutput> BlockAsync()
    {
        Record();
        await Task.Delay(Timeout.Infinite, ActivityExecutionContext.Current.CancellationToken);
        return new ActivityPlanOutput("unreachable");
    }

    [Activity]
    public async Task<ActivityPlanOutput> HeartbeatDetailsAsync()
    {
        var context = ActivityExecutionContext.Current;
        var attempt = Record();
        if (attempt == 1)
        {
            context.Heartbeat("progress-5");
            // Heartbeats are sent in the background: fail only once the server holds the details.
            var describe = new DescribeWorkflowExecutionRequest
            {
                Namespace = context.Info.WorkflowNamespace,
                Execution = new Temporalio.Api.Common.V1.WorkflowExecution { WorkflowId = context.Info.WorkflowId, RunId = context.Info.WorkflowRunId },
            };
            await Poll.UntilAsync(
                async () => (await client.WorkflowService.DescribeWorkflowExecutionAsync(describe)).PendingActivities
                    .Any(p => p.HeartbeatDetails?.Payloads_.Count > 0),
                TimeSpan.FromSeconds(30),
                "heartbeat details recorded by the server");
            throw new ApplicationFailureException("first attempt fails after a heartbeat");
        }

        var details = context.Info.HeartbeatDetails.Count > 0 ? await context.Info.HeartbeatDetailAtAsync<string>(0) : "none";
        return new ActivityPlanOutput($"attempt {attempt} resumed from {details}");
    }

    [Activity]
    public async Task<ActivityPlanOutput> HeartbeatThenStallAsync()
    {
        var context = ActivityExecutionContext.Current;
        Record();
        context.Heartbeat("last words");
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        return new ActivityPlanOutput("unreachable");
    }

    [Activity]
    public async Task<ActivityPlanOutput> HeartbeatUntilCanceledAsync()
    {
        var context = ActivityExecutionContext.Current;
        Record();
        try
        {
            while (true)
            {
                context.Heartbeat();
                await Task.Delay(TimeSpan.FromMilliseconds(100), context.CancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            _cancelObserved.TrySetResult();
            throw;
        }
    }

    [Activity]
    public Task<ActivityPlanOutput> CompleteLaterAsync()
    {
        Record();
        _taskToken.TrySetResult(ActivityExecutionContext.Current.Info.TaskToken);
        _asyncInfo.TrySetResult(ActivityExecutionContext.Current.Info);
        throw new CompleteAsyncException();
    }

    private int Record()
    {
        var attempt = ActivityExecutionContext.Current.Info.Attempt;
        _attempts.Enqueue(new AttemptRecord(attempt, DateTime.UtcNow));
        return attempt;
    }
}
