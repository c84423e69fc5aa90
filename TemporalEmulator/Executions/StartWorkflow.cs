using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Executions;

/// <summary>Everything needed to start a run, whoever asks (client, parent, signal-with-start).</summary>
internal sealed record StartWorkflow(
    string Namespace,
    string WorkflowId,
    string RequestId,
    WorkflowIdReusePolicy ReusePolicy,
    WorkflowIdConflictPolicy ConflictPolicy,
    WorkflowExecutionStartedEventAttributes Attributes)
{
    /// <summary>Signal delivered with the start (signal-with-start), or to the running run.</summary>
    public WorkflowExecutionSignaledEventAttributes? Signal { get; init; }

    /// <summary>The instant the first-task backoff was computed from (cron), so execution time lands exactly.</summary>
    public DateTime? StartTime { get; init; }

    /// <summary>Summary and details shown for the run (the started event's user metadata).</summary>
    public Temporalio.Api.Sdk.V1.UserMetadata? UserMetadata { get; init; }

    /// <summary>The parent, for child workflows.</summary>
    public ParentLink? Parent { get; init; }
}
