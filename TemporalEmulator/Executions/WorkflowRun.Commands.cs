using Agentic.Emulator.Frontend;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Protocol.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    /// <summary>Writes the events of a completed task's commands in order; returns whether a new task is due at once.</summary>
    private bool ApplyCommands(RespondWorkflowTaskCompletedRequest request, long completedEventId, RespondWorkflowTaskCompletedResponse response)
    {
        var needsTask = false;
        Dictionary<string, Message>? messages = request.Messages.Count == 0 ? null : request.Messages.ToDictionary(m => m.Id);
        foreach (var command in request.Commands)
        {
            if (!IsRunning)
            {
                break;
            }

            var firstEventId = _history.Count + 1;
            switch (command.AttributesCase)
            {
                case Command.AttributesOneofCase.ScheduleActivityTaskCommandAttributes:
                    if (ScheduleActivity(command.ScheduleActivityTaskCommandAttributes, completedEventId, request.Identity) is { } eager)
                    {
                        response.ActivityTasks.Add(eager);
                    }

                    break;
                case Command.AttributesOneofCase.RequestCancelActivityTaskCommandAttributes:
                    needsTask |= RequestCancelActivity(command.RequestCancelActivityTaskCommandAttributes.ScheduledEventId, completedEventId);
                    break;
                case Command.AttributesOneofCase.StartTimerCommandAttributes:
                    StartTimer(command.StartTimerCommandAttributes, completedEventId);
                    break;
                case Command.AttributesOneofCase.CancelTimerCommandAttributes:
                    CancelTimer(command.CancelTimerCommandAttributes.TimerId, completedEventId);
                    break;
                case Command.AttributesOneofCase.CompleteWorkflowExecutionCommandAttributes:
                    CompleteExecution(command.CompleteWorkflowExecutionCommandAttributes.Result, completedEventId);
                    break;
                case Command.AttributesOneofCase.FailWorkflowExecutionCommandAttributes:
                    FailExecution(command.FailWorkflowExecutionCommandAttributes.Failure, completedEventId);
                    break;
                case Command.AttributesOneofCase.CancelWorkflowExecutionCommandAttributes:
                    CancelExecution(command.CancelWorkflowExecutionCommandAttributes.Details, completedEventId);
                    break;
                case Command.AttributesOneofCase.ContinueAsNewWorkflowExecutionCommandAttributes:
                    ContinueAsNew(command.ContinueAsNewWorkflowExecutionCommandAttributes, completedEventId);
                    break;
                case Command.AttributesOneofCase.RecordMarkerCommandAttributes:
                    RecordMarker(command.RecordMarkerCommandAttributes, completedEventId);
                    break;
                case Command.AttributesOneofCase.UpsertWorkflowSearchAttributesCommandAttributes:
                    UpsertSearchAttributes(command.UpsertWorkflowSearchAttributesCommandAttributes.SearchAttributes, completedEventId);
                    break;
                case Command.AttributesOneofCase.ModifyWorkflowPropertiesCommandAttributes:
                    ModifyProperties(command.ModifyWorkflowPropertiesCommandAttributes.UpsertedMemo, completedEventId);
                    break;
                case Command.AttributesOneofCase.StartChildWorkflowExecutionCommandAttributes:
                    StartChild(command.StartChildWorkflowExecutionCommandAttributes, completedEventId, command.UserMetadata);
                    break;
                case Command.AttributesOneofCase.SignalExternalWorkflowExecutionCommandAttributes:
                    SignalExternal(command.SignalExternalWorkflowExecutionCommandAttributes, completedEventId);
                    break;
                case Command.AttributesOneofCase.RequestCancelExternalWorkflowExecutionCommandAttributes:
                    RequestCancelExternal(command.RequestCancelExternalWorkflowExecutionCommandAttributes, completedEventId);
                    break;
                case Command.AttributesOneofCase.ProtocolMessageCommandAttributes:
                    var messageId = command.ProtocolMessageCommandAttributes.MessageId;
                    if (messages is not null && messages.Remove(messageId, out var message))
                    {
                        ApplyUpdateMessage(message, completedEventId);
                    }

                    break;
                default:
                    throw RpcErrors.InvalidArgument($"commands: {command.CommandType} is not supported by the Temporal emulator");
            }

            // The server puts a command's summary and details on the event the command wrote.
            if (command.UserMetadata is not null && _history.Count >= firstEventId
                && command.AttributesCase != Command.AttributesOneofCase.ProtocolMessageCommandAttributes)
            {
                _history.At(firstEventId).UserMetadata = command.UserMetadata;
            }
        }

        foreach (var message in messages?.Values ?? Enumerable.Empty<Message>())
        {
            ApplyUpdateMessage(message, completedEventId);
        }

        return needsTask;
    }

    /// <summary>
    /// Checks a completion's commands before any is applied, so a bad one fails the workflow task cleanly
    /// (as the server does) instead of leaving it half applied. Returns the failure cause and message, or null.
    /// </summary>
    private (WorkflowTaskFailedCause Cause, string Message)? ValidateCommands(RespondWorkflowTaskCompletedRequest request)
    {
        var activityIds = new HashSet<string>(_activityIds.Keys, StringComparer.Ordinal);
        var timerIds = new HashSet<string>(_timers.Keys, StringComparer.Ordinal);
        foreach (var command in request.Commands)
        {
            switch (command.AttributesCase)
            {
                case Command.AttributesOneofCase.ScheduleActivityTaskCommandAttributes:
                    var activity = command.ScheduleActivityTaskCommandAttributes;
                    if (string.IsNullOrEmpty(activity.ActivityId) || !activityIds.Add(activity.ActivityId))
                    {
                        return (WorkflowTaskFailedCause.BadScheduleActivityAttributes,
                            $"commands.schedule_activity_task: activity_id '{activity.ActivityId}' is empty or already in use");
                    }

                    if (Positive(activity.StartToCloseTimeout) is null && Positive(activity.ScheduleToCloseTimeout) is null)
                    {
                        return (WorkflowTaskFailedCause.BadScheduleActivityAttributes,
                            "commands.schedule_activity_task: start_to_close_timeout or schedule_to_close_timeout is required");
                    }

                    break;
                case Command.AttributesOneofCase.StartTimerCommandAttributes:
                    var timer = command.StartTimerCommandAttributes;
                    if (!timerIds.Add(timer.TimerId) || Positive(timer.StartToFireTimeout) is null)
                    {
                        return (WorkflowTaskFailedCause.BadStartTimerAttributes,
                            $"commands.start_timer: timer_id '{timer.TimerId}' is already in use or start_to_fire_timeout is not positive");
                    }

                    break;
                case Command.AttributesOneofCase.StartChildWorkflowExecutionCommandAttributes:
                    var child = command.StartChildWorkflowExecutionCommandAttributes;
                    if (string.IsNullOrEmpty(child.WorkflowId))
                    {
                        return (WorkflowTaskFailedCause.BadStartChildExecutionAttributes, "commands.start_child_workflow_execution: workflow_id is not set");
                    }

                    if (!string.IsNullOrEmpty(child.CronSchedule) && !CronSchedule.TryParse(child.CronSchedule, out _))
                    {
                        return (WorkflowTaskFailedCause.BadStartChildExecutionAttributes,
                            $"commands.start_child_workflow_execution: cron_schedule '{child.CronSchedule}' is invalid");
                    }

                    break;
                case Command.AttributesOneofCase.ScheduleNexusOperationCommandAttributes
                    or Command.AttributesOneofCase.RequestCancelNexusOperationCommandAttributes:
                    return (WorkflowTaskFailedCause.Unspecified, $"commands: {command.CommandType} is not supported by the Temporal emulator");
                case Command.AttributesOneofCase.None:
                    return (WorkflowTaskFailedCause.Unspecified, "commands: a command has no attributes");
                default:
                    break;
            }
        }

        return null;
    }

    private void RecordMarker(RecordMarkerCommandAttributes command, long completedEventId)
    {
        var marker = NewEvent(EventType.MarkerRecorded);
        marker.MarkerRecordedEventAttributes = new MarkerRecordedEventAttributes
        {
            MarkerName = command.MarkerName,
            Header = command.Header,
            Failure = command.Failure,
            WorkflowTaskCompletedEventId = completedEventId,
        };
        marker.MarkerRecordedEventAttributes.Details.Add(command.Details);
        Write(marker);
    }

    private void UpsertSearchAttributes(SearchAttributes? attributes, long completedEventId)
    {
        var upsert = NewEvent(EventType.UpsertWorkflowSearchAttributes);
        upsert.UpsertWorkflowSearchAttributesEventAttributes = new UpsertWorkflowSearchAttributesEventAttributes
        {
            WorkflowTaskCompletedEventId = completedEventId,
            SearchAttributes = attributes ?? new SearchAttributes(),
        };
        Write(upsert);
        Merge(SearchAttributes, attributes?.IndexedFields);
        _context.RegisterSearchAttributes(SearchAttributes);
    }

    private void ModifyProperties(Memo? memo, long completedEventId)
    {
        var modified = NewEvent(EventType.WorkflowPropertiesModified);
        modified.WorkflowPropertiesModifiedEventAttributes = new WorkflowPropertiesModifiedEventAttributes
        {
            WorkflowTaskCompletedEventId = completedEventId,
            UpsertedMemo = memo ?? new Memo(),
        };
        Write(modified);
        Merge(Memo, memo?.Fields);
    }

    /// <summary>Upserts fields; an empty or JSON-null payload removes the key, as Temporal does.</summary>
    private static void Merge(Dictionary<string, Payload> target, IDictionary<string, Payload>? changes)
    {
        foreach (var (key, value) in changes ?? new Dictionary<string, Payload>())
        {
            var data = value.Data.Span;
            if (data.Length == 0 || data.SequenceEqual("null"u8) || data.SequenceEqual("[]"u8))
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value;
            }
        }
    }

    private static Duration? Positive(Duration? duration) => StartAttributes.Positive(duration);
}
