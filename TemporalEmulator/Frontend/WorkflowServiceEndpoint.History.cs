using System.Buffers.Binary;
using Google.Protobuf;
using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public async Task<GetWorkflowExecutionHistoryResponse> GetWorkflowExecutionHistory(
        GetWorkflowExecutionHistoryRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.Execution?.WorkflowId ?? string.Empty, "execution.workflow_id");
        var run = Executions.FindOrThrow(request.Namespace, request.Execution!.WorkflowId, request.Execution.RunId);
        var response = new GetWorkflowExecutionHistoryResponse { History = new History() };

        if (request.HistoryEventFilterType == HistoryEventFilterType.CloseEvent)
        {
            if (request.WaitNewEvent && !await WaitAsync(run, 0, closeOnly: true, call))
            {
                // Still open at the long-poll deadline: an empty page with a token makes the client ask again.
                response.NextPageToken = ByteString.CopyFromUtf8("close");
                return response;
            }

            if (run.CloseEvent is { } closeEvent)
            {
                response.History.Events.Add(closeEvent);
            }

            return response;
        }

        var from = request.NextPageToken.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(request.NextPageToken.Span) : 1;
        if (request.WaitNewEvent && !await WaitAsync(run, from - 1, closeOnly: false, call))
        {
            response.NextPageToken = EventIdToken(from);
            return response;
        }

        var events = run.HistoryFrom(from);
        response.History.Events.AddRange(events);
        if (request.WaitNewEvent && (events.Count == 0 || !IsCloseEvent(events[^1].EventType)))
        {
            response.NextPageToken = EventIdToken(from + events.Count);
        }

        return response;
    }

    public async Task<GetWorkflowExecutionHistoryReverseResponse> GetWorkflowExecutionHistoryReverse(
        GetWorkflowExecutionHistoryReverseRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireWorkflowId(request.Execution?.WorkflowId ?? string.Empty, "execution.workflow_id");
        var run = Executions.FindOrThrow(request.Namespace, request.Execution!.WorkflowId, request.Execution.RunId);
        var events = run.HistoryFrom(1);
        events.Reverse();
        var response = new GetWorkflowExecutionHistoryReverseResponse { History = new History() };
        response.History.Events.AddRange(events);
        return await Task.FromResult(response);
    }

    private async Task<bool> WaitAsync(Executions.WorkflowRun run, long length, bool closeOnly, ServerCallContext call)
    {
        using var cancellation = LongPollCancellation(call);
        try
        {
            await run.WaitForHistoryAsync(length, closeOnly, cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static ByteString EventIdToken(long eventId)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, eventId);
        return ByteString.CopyFrom(bytes);
    }

    private static bool IsCloseEvent(EventType type) => type
        is EventType.WorkflowExecutionCompleted
        or EventType.WorkflowExecutionFailed
        or EventType.WorkflowExecutionCanceled
        or EventType.WorkflowExecutionTerminated
        or EventType.WorkflowExecutionTimedOut
        or EventType.WorkflowExecutionContinuedAsNew;
}
