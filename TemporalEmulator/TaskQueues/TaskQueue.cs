namespace Agentic.Emulator.TaskQueues;

/// <summary>
/// Tasks waiting for pollers and pollers waiting for tasks: whichever arrives second is matched with
/// the first in O(1). Items may go stale (their execution moved on); the poller checks and polls again.
/// </summary>
internal sealed class TaskQueue<T>
    where T : class
{
    private readonly Lock _sync = new();
    private readonly Queue<T> _items = new();
    private readonly LinkedList<Waiter> _waiters = new();

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    public void Enqueue(T item)
    {
        lock (_sync)
        {
            while (_waiters.First is { } node)
            {
                _waiters.RemoveFirst();
                if (node.Value.Result.TrySetResult(item))
                {
                    return;
                }
            }

            _items.Enqueue(item);
        }
    }

    /// <summary>Returns an item, or null when the poll is cancelled (deadline, client gone, worker shutdown).</summary>
    public async Task<T?> PollAsync(string identity, CancellationToken cancellationToken)
    {
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (_sync)
        {
            if (_items.TryDequeue(out var ready))
            {
                return ready;
            }

            waiter = new Waiter(identity);
            node = _waiters.AddLast(waiter);
        }

        T? item;
        await using (cancellationToken.Register(static state => ((Waiter)state!).Result.TrySetResult(null), waiter))
        {
            item = await waiter.Result.Task;
        }

        if (item is null)
        {
            lock (_sync)
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                }
            }
        }

        return item;
    }

    /// <summary>Removes and returns every waiting item.</summary>
    public List<T> DrainAll()
    {
        lock (_sync)
        {
            var items = _items.ToList();
            _items.Clear();
            return items;
        }
    }

    /// <summary>Answers the waiting polls of a worker that is shutting down.</summary>
    public void ReleasePollers(string identity)
    {
        lock (_sync)
        {
            var node = _waiters.First;
            while (node is not null)
            {
                var next = node.Next;
                if (node.Value.Identity == identity || identity.Length == 0)
                {
                    _waiters.Remove(node);
                    node.Value.Result.TrySetResult(null);
                }

                node = next;
            }
        }
    }

    private sealed class Waiter(string identity)
    {
        public string Identity { get; } = identity;

        public TaskCompletionSource<T?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
