using System.Collections.Concurrent;

namespace Agentic.Emulator.TaskQueues;

/// <summary>The workflow and activity task queues of every namespace, created on first use.</summary>
internal sealed class TaskQueueRegistry
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), TaskQueue<WorkflowTaskItem>> _workflowQueues = new();
    private readonly ConcurrentDictionary<(string Namespace, string Name), TaskQueue<ActivityTaskItem>> _activityQueues = new();

    public TaskQueue<WorkflowTaskItem> Workflow(string @namespace, string name) =>
        _workflowQueues.GetOrAdd((@namespace, name), static _ => new TaskQueue<WorkflowTaskItem>());

    public TaskQueue<ActivityTaskItem> Activity(string @namespace, string name) =>
        _activityQueues.GetOrAdd((@namespace, name), static _ => new TaskQueue<ActivityTaskItem>());

    private readonly ConcurrentDictionary<(string Namespace, string Name), bool> _closedStickyQueues = new();

    /// <summary>Whether the worker that owned this sticky queue has shut down.</summary>
    public bool IsClosedSticky(string @namespace, string name) => _closedStickyQueues.ContainsKey((@namespace, name));

    /// <summary>Marks a worker's sticky queue gone and returns the tasks that were waiting on it.</summary>
    public List<WorkflowTaskItem> CloseSticky(string @namespace, string name)
    {
        _closedStickyQueues[(@namespace, name)] = true;
        return _workflowQueues.TryGetValue((@namespace, name), out var queue) ? queue.DrainAll() : [];
    }

    public void ReleasePollers(string @namespace, string identity)
    {
        foreach (var (key, queue) in _workflowQueues)
        {
            if (key.Namespace == @namespace)
            {
                queue.ReleasePollers(identity);
            }
        }

        foreach (var (key, queue) in _activityQueues)
        {
            if (key.Namespace == @namespace)
            {
                queue.ReleasePollers(identity);
            }
        }
    }

    public void ReleaseAll()
    {
        foreach (var queue in _workflowQueues.Values)
        {
            queue.ReleasePollers(string.Empty);
        }

        foreach (var queue in _activityQueues.Values)
        {
            queue.ReleasePollers(string.Empty);
        }
    }
}
