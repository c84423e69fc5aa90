using Agentic.Emulator.Executions;
using Temporalio.Api.Enums.V1;

namespace Agentic.Emulator.Schedules;

internal sealed partial class ScheduleInstance
{
    /// <summary>Follows a started workflow (across retries and continue-as-new) until its chain closes.</summary>
    private void Watch(WorkflowRun run)
    {
        _store.Watching(run);
        _ = WatchAsync(run);
    }

    private async Task WatchAsync(WorkflowRun run)
    {
        try
        {
            while (true)
            {
                await run.WaitForHistoryAsync(0, closeOnly: true, _context.Stopping.Token);
                var latest = _context.Executions.Find(Namespace, run.WorkflowId, null);
                if (latest is null || ReferenceEquals(latest, run) || latest.Started.FirstExecutionRunId != run.Started.FirstExecutionRunId)
                {
                    break;
                }

                _store.Watching(latest);
                _store.Unwatched(run);
                run = latest;
            }

            OnClosed(run);
        }
        catch (OperationCanceledException)
        {
            // The emulator is stopping.
        }
        finally
        {
            _store.Unwatched(run);
        }
    }

    private void OnClosed(WorkflowRun run)
    {
        lock (_sync)
        {
            if (_deleted)
            {
                return;
            }

            var status = run.Status;
            foreach (var recent in _info.RecentActions.Where(a => a.StartWorkflowResult?.WorkflowId == run.WorkflowId))
            {
                recent.StartWorkflowStatus = status;
            }

            var index = _info.RunningWorkflows.ToList().FindIndex(e => e.WorkflowId == run.WorkflowId);
            if (index >= 0)
            {
                _info.RunningWorkflows.RemoveAt(index);
                NoteResult(run, status);
            }

            Advance();
        }
    }

    /// <summary>Pause on failure, and what the next start sees as the last result or failure.</summary>
    private void NoteResult(WorkflowRun run, WorkflowExecutionStatus status)
    {
        var close = run.CloseEvent;
        var failure = close?.WorkflowExecutionFailedEventAttributes?.Failure;
        if (_schedule.Policies.PauseOnFailure && !_schedule.State.Paused
            && status is WorkflowExecutionStatus.Failed or WorkflowExecutionStatus.TimedOut)
        {
            _schedule.State.Paused = true;
            _schedule.State.Notes = status == WorkflowExecutionStatus.Failed
                ? $"paused due to workflow failure: {run.WorkflowId}: {failure?.Message}"
                : $"paused due to workflow timeout: {run.WorkflowId}";
            _conflictToken++;
        }

        if (close?.EventType == EventType.WorkflowExecutionCompleted)
        {
            _lastCompletionResult = close.WorkflowExecutionCompletedEventAttributes.Result;
            _continuedFailure = null;
        }
        else if (failure is not null)
        {
            _continuedFailure = failure;
        }
    }
}
