using Agentic.Emulator.Frontend;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Protocol.V1;
using Temporalio.Api.Update.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    private readonly Dictionary<string, PendingUpdate> _updates = new(StringComparer.Ordinal);

    /// <summary>Admits an update (or finds the one with the same id) and makes sure a workflow task will carry it.</summary>
    public PendingUpdate Update(Request request) => Locked(() =>
    {
        var id = request.Meta.UpdateId;
        if (_updates.TryGetValue(id, out var existing))
        {
            return existing;
        }

        if (!IsRunning)
        {
            throw RpcErrors.NotFound("workflow execution already completed");
        }

        var update = new PendingUpdate(id, request);
        _updates[id] = update;
        ScheduleWorkflowTask();
        return update;
    });

    public PendingUpdate? FindUpdate(string updateId) => Locked(() => _updates.GetValueOrDefault(updateId));

    private void AttachUpdateRequests(PollWorkflowTaskQueueResponse response)
    {
        foreach (var update in _updates.Values)
        {
            if (update.Stage != UpdateWorkflowExecutionLifecycleStage.Admitted)
            {
                continue;
            }

            update.Delivered = true;
            response.Messages.Add(new Message
            {
                Id = update.Id + "/request",
                ProtocolInstanceId = update.Id,
                EventId = _taskStartedEventId - 1,
                Body = Any.Pack(update.Request),
            });
        }
    }

    private bool HasUndeliveredUpdates() =>
        _updates.Values.Any(u => u.Stage == UpdateWorkflowExecutionLifecycleStage.Admitted && !u.Delivered);

    private void ApplyUpdateMessage(Message message, long completedEventId)
    {
        if (!_updates.TryGetValue(message.ProtocolInstanceId, out var update))
        {
            return;
        }

        if (message.Body.TryUnpack<Acceptance>(out var acceptance))
        {
            var accepted = NewEvent(EventType.WorkflowExecutionUpdateAccepted);
            accepted.WorkflowExecutionUpdateAcceptedEventAttributes = new WorkflowExecutionUpdateAcceptedEventAttributes
            {
                ProtocolInstanceId = update.Id,
                AcceptedRequestMessageId = acceptance.AcceptedRequestMessageId,
                AcceptedRequestSequencingEventId = acceptance.AcceptedRequestSequencingEventId,
                AcceptedRequest = acceptance.AcceptedRequest ?? update.Request,
            };
            Write(accepted);
            update.AcceptedEventId = accepted.EventId;
            update.Stage = UpdateWorkflowExecutionLifecycleStage.Accepted;
            update.Accepted.TrySetResult();
        }
        else if (message.Body.TryUnpack<Rejection>(out var rejection))
        {
            // A rejected update leaves no trace in history; a retry with the same id is a new update.
            _updates.Remove(update.Id);
            update.Outcome = new Outcome { Failure = rejection.Failure };
            update.Stage = UpdateWorkflowExecutionLifecycleStage.Completed;
            update.Accepted.TrySetResult();
            update.Completed.TrySetResult();
        }
        else if (message.Body.TryUnpack<Response>(out var response))
        {
            var completed = NewEvent(EventType.WorkflowExecutionUpdateCompleted);
            completed.WorkflowExecutionUpdateCompletedEventAttributes = new WorkflowExecutionUpdateCompletedEventAttributes
            {
                Meta = response.Meta,
                AcceptedEventId = update.AcceptedEventId,
                Outcome = response.Outcome,
            };
            Write(completed);
            update.Outcome = response.Outcome;
            update.Stage = UpdateWorkflowExecutionLifecycleStage.Completed;
            update.Accepted.TrySetResult();
            update.Completed.TrySetResult();
        }
    }

    /// <summary>
    /// Ends the updates the closing run leaves open, as the server does: an accepted update completes with the
    /// <c>AcceptedUpdateCompletedWorkflow</c> failure (its caller was promised an outcome); an update the workflow
    /// never accepted is aborted, and may be retried on the next run when there is one.
    /// </summary>
    private void CloseUpdates(bool continuing)
    {
        foreach (var update in _updates.Values)
        {
            if (update.Stage == UpdateWorkflowExecutionLifecycleStage.Accepted)
            {
                update.Outcome = new Outcome { Failure = AcceptedUpdateCompletedWorkflowFailure() };
                update.Stage = UpdateWorkflowExecutionLifecycleStage.Completed;
            }
            else if (update.Stage != UpdateWorkflowExecutionLifecycleStage.Completed)
            {
                update.Aborted = true;
                update.RetryOnNextRun = continuing;
            }

            update.Accepted.TrySetResult();
            update.Completed.TrySetResult();
        }
    }

    private static Temporalio.Api.Failure.V1.Failure AcceptedUpdateCompletedWorkflowFailure() => new()
    {
        Message = "Workflow Update failed because the Workflow completed before the Update completed.",
        Source = "Server",
        ApplicationFailureInfo = new Temporalio.Api.Failure.V1.ApplicationFailureInfo
        {
            Type = "AcceptedUpdateCompletedWorkflow",
            NonRetryable = true,
        },
    };

    private void ResetUndeliveredUpdates()
    {
        foreach (var update in _updates.Values)
        {
            update.Delivered = false;
        }
    }
}
