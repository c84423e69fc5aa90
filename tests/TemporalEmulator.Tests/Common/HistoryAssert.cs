using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Common;

/// <summary>Shape rules every history must follow for the SDK to replay it, and replay itself.</summary>
public static class HistoryAssert
{
    private static readonly HashSet<EventType> ClosingEvents =
    [
        EventType.WorkflowExecutionCompleted, EventType.WorkflowExecutionFailed, EventType.WorkflowExecutionTimedOut,
        EventType.WorkflowExecutionCanceled, EventType.WorkflowExecutionTerminated, EventType.WorkflowExecutionContinuedAsNew,
    ];

    private static readonly HashSet<EventType> TaskOutcomes =
    [
        EventType.WorkflowTaskCompleted, EventType.WorkflowTaskFailed, EventType.WorkflowTaskTimedOut,
    ];

    public static void WellFormed(IReadOnlyList<HistoryEvent> events)
    {
        Assert.NotEmpty(events);
        Assert.Equal(EventType.WorkflowExecutionStarted, events[0].EventType);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            Assert.True(e.EventId == i + 1, $"event {i + 1} has id {e.EventId}");
            // Event times may go backwards: buffered signals and the lazily written ActivityTaskStarted keep
            // the time they happened. Events may also land between a task's scheduling and its start.
            if (e.EventType == EventType.WorkflowTaskStarted && i + 1 < events.Count)
            {
                var next = events[i + 1].EventType;
                // Nothing may land between a task's start and its outcome: new events wait in a buffer.
                Assert.True(TaskOutcomes.Contains(next) || ClosingEvents.Contains(next), $"event {e.EventId + 1} ({next}) sits between a workflow task's start and its outcome");
            }

            if (e.EventType == EventType.WorkflowTaskCompleted)
            {
                var attributes = e.WorkflowTaskCompletedEventAttributes;
                Assert.True(attributes.StartedEventId == e.EventId - 1, $"event {e.EventId} completes started event {attributes.StartedEventId}");
                Assert.Equal(EventType.WorkflowTaskScheduled, events[(int)attributes.ScheduledEventId - 1].EventType);
            }

            if (ClosingEvents.Contains(e.EventType))
            {
                Assert.True(i == events.Count - 1, $"event {e.EventId} ({e.EventType}) closes the run but is not last");
            }
        }
    }

    /// <summary>Replays the run's history with the given workflow code; fails on any nondeterminism or bad history.</summary>
    public static async Task ReplaysAsync(WorkflowHandle handle, Action<WorkflowReplayerOptions> register)
    {
        var options = new WorkflowReplayerOptions();
        register(options);
        var history = await handle.FetchHistoryAsync().WithDeadline();
        var result = await new WorkflowReplayer(options).ReplayWorkflowAsync(history, throwOnReplayFailure: false).WithDeadline();
        Assert.True(result.ReplayFailure is null, $"replay of {handle.Id} failed: {result.ReplayFailure}");
    }
}
