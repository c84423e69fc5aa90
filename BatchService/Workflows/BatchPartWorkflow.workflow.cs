using Agentic.BatchService.Activities;
using Temporalio.Common;
using Temporalio.Workflows;

namespace Agentic.BatchService.Workflows;

/// <summary>
/// One batch of rows. The activity does the work and checkpoints through heartbeats, so a retry after a
/// crash resumes after the last finished row instead of starting the batch again.
/// </summary>
[Workflow]
public class BatchPartWorkflow
{
    /// <summary>Errors that no retry can fix: the input itself is wrong.</summary>
    public const string InputInvalidError = "BatchInputInvalid";

    /// <summary>
    /// Parts from structured output on run <see cref="BatchActivities.ProcessPartV2Async"/>: a new activity type, so a
    /// worker from before (which would write a structured row's answer unvalidated) can never take one. A part whose
    /// history already scheduled <see cref="BatchActivities.ProcessPartAsync"/> replays down the old branch.
    /// </summary>
    public const string StructuredOutputPatch = "structured-output";

    [WorkflowRun]
    public Task<BatchPartResult> RunAsync(BatchPartInput input)
    {
        var options = new ActivityOptions
        {
            StartToCloseTimeout = TimeSpan.FromHours(6),
            HeartbeatTimeout = input.HeartbeatTimeout,
            RetryPolicy = new RetryPolicy
            {
                InitialInterval = TimeSpan.FromSeconds(1),
                BackoffCoefficient = 2,
                MaximumInterval = TimeSpan.FromSeconds(30),
                MaximumAttempts = 10,
                NonRetryableErrorTypes = [InputInvalidError],
            },
        };
        return Workflow.Patched(StructuredOutputPatch)
            ? Workflow.ExecuteActivityAsync((BatchActivities activities) => activities.ProcessPartV2Async(input), options)
            : Workflow.ExecuteActivityAsync((BatchActivities activities) => activities.ProcessPartAsync(input), options);
    }
}
