using Temporalio.Api.Enums.V1;
using Temporalio.Api.Update.V1;

namespace Agentic.Emulator.Executions;

/// <summary>An update from admission to its outcome; kept after completion so retries and polls find it.</summary>
internal sealed class PendingUpdate(string id, Request request)
{
    public string Id { get; } = id;

    public Request Request { get; } = request;

    public UpdateWorkflowExecutionLifecycleStage Stage { get; set; } = UpdateWorkflowExecutionLifecycleStage.Admitted;

    /// <summary>Sent to the worker in the current workflow task; cleared if that task fails.</summary>
    public bool Delivered { get; set; }

    public long AcceptedEventId { get; set; }

    public Outcome? Outcome { get; set; }

    /// <summary>Set when the run closed before the workflow accepted the update.</summary>
    public bool Aborted { get; set; }

    /// <summary>The run closed into a next run (continue-as-new, retry, cron): the update may go to that run instead.</summary>
    public bool RetryOnNextRun { get; set; }

    public TaskCompletionSource Accepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
