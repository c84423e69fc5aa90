using Agentic.Emulator.Frontend;
using Agentic.Emulator.TaskQueues;
using Temporalio.Api.History.V1;
using Temporalio.Api.Query.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Executions;

internal sealed partial class WorkflowRun
{
    /// <summary>The server's failQueryWorkflowTaskAttemptCount.</summary>
    private const int FailQueryTaskAttempt = 3;

    private readonly Dictionary<long, PendingQuery> _queries = [];

    /// <summary>
    /// Queues a query. It goes out at once when no workflow task is pending (or the run is closed);
    /// otherwise after the pending task completes, so the worker answers from a consistent history.
    /// </summary>
    public PendingQuery Query(WorkflowQuery query) => Locked(() =>
    {
        if (IsRunning && _lastCompletedStartedEventId == 0 && _workflowTask == WorkflowTaskState.None)
        {
            // Waiting out a start delay or backoff: there is no workflow state to ask yet.
            throw RpcErrors.FailedPrecondition("workflow has not processed its first workflow task yet");
        }

        if (IsRunning && _taskAttempt >= FailQueryTaskAttempt)
        {
            // As the server: a query would wait on a workflow task that keeps failing, so it fails at once.
            throw RpcErrors.FailedPrecondition("Unable to query workflow due to Workflow Task in failed state.");
        }

        var pending = new PendingQuery(_context.NextSequence(), query);
        _queries[pending.Id] = pending;
        if (!IsRunning || _workflowTask == WorkflowTaskState.None)
        {
            DispatchQuery(pending);
        }

        return pending;
    });

    public void ForgetQuery(long queryId) => Locked(() => _queries.Remove(queryId));

    public void CompleteQuery(long queryId, RespondQueryTaskCompletedRequest request) => Locked(() =>
    {
        if (!_queries.Remove(queryId, out var pending))
        {
            throw RpcErrors.NotFound("Query not found.");
        }

        pending.Result.TrySetResult(request);
    });

    private void DispatchQueries()
    {
        foreach (var pending in _queries.Values)
        {
            if (!pending.Dispatched)
            {
                DispatchQuery(pending);
            }
        }
    }

    private void DispatchQuery(PendingQuery pending)
    {
        pending.Dispatched = true;
        _context.TaskQueues.Workflow(Namespace, TaskQueueName).Enqueue(new WorkflowTaskItem(this, 0, pending.Id));
    }

    private PollWorkflowTaskQueueResponse? StartQueryTask(long queryId)
    {
        if (!_queries.TryGetValue(queryId, out var pending))
        {
            return null;
        }

        var response = new PollWorkflowTaskQueueResponse
        {
            TaskToken = new TaskToken(RunId, 0, 0, queryId).ToByteString(),
            WorkflowExecution = Execution,
            WorkflowType = Started.WorkflowType,
            PreviousStartedEventId = _lastCompletedStartedEventId,
            StartedEventId = _lastCompletedStartedEventId,
            Attempt = 1,
            History = new History(),
            Query = pending.Query,
            WorkflowExecutionTaskQueue = Started.TaskQueue,
        };
        response.History.Events.AddRange(_history.All);
        return response;
    }
}
