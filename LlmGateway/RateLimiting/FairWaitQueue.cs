namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// A first-in, first-out line of calls waiting for capacity on one model and priority class, in one gateway
/// instance. One pump asks the limiter for the head only and, when refused, sleeps exactly the Retry-After
/// the limiter computed (no polling), so a later call never overtakes an earlier one in this instance.
/// Each waiter gives up at its own deadline with the latest refusal.
/// </summary>
internal sealed class FairWaitQueue(
    Func<RateLimitRequest, CancellationToken, ValueTask<RateLimitDecision>> acquire,
    Func<RateLimitReservation, ValueTask> release,
    TimeProvider time)
{
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly Lock _gate = new();
    private bool _pumping;
    private RateLimitDecision? _lastDenial;
    private long _enqueued;

    /// <summary>How many calls have ever joined this line.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count == 0;
            }
        }
    }

    public async ValueTask<RateLimitDecision> WaitAsync(
        RateLimitRequest request, RateLimitDecision? denial, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(request, denial);
        bool startPump;
        lock (_gate)
        {
            _waiters.AddLast(waiter);
            Interlocked.Increment(ref _enqueued);
            startPump = !_pumping;
            _pumping = true;
        }

        if (startPump)
        {
            _ = Task.Run(PumpAsync, CancellationToken.None);
        }

        using var timeout = new CancellationTokenSource(maxWait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        await using var registration = linked.Token.Register(() => waiter.GiveUp(Volatile.Read(ref _lastDenial)));
        var decision = await waiter.Completion.Task;
        cancellationToken.ThrowIfCancellationRequested();
        return decision;
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            Waiter head;
            lock (_gate)
            {
                while (_waiters.First is { } first && first.Value.Completion.Task.IsCompleted)
                {
                    _waiters.RemoveFirst();
                }

                if (_waiters.First is null)
                {
                    _pumping = false;
                    return;
                }

                head = _waiters.First.Value;
            }

            RateLimitDecision decision;
            try
            {
                decision = await acquire(head.Request, CancellationToken.None);
            }
            catch (Exception ex)
            {
                head.Completion.TrySetException(ex);
                continue;
            }

            if (decision.Allowed)
            {
                if (!head.Completion.TrySetResult(decision) && decision.Reservation is { } reservation)
                {
                    // The waiter gave up while we were admitting it: hand its tokens back.
                    await release(reservation);
                }

                continue;
            }

            Volatile.Write(ref _lastDenial, decision);
            head.Latest = decision;
            if (decision.Unavailable)
            {
                head.Completion.TrySetResult(decision);
                continue;
            }

            // Sleep until the limiter says the head fits, or until the head gives up, whichever is first.
            var delay = decision.RetryAfter > TimeSpan.Zero ? decision.RetryAfter : TimeSpan.FromMilliseconds(1);
            await Task.WhenAny(head.Completion.Task, Task.Delay(delay, time));
        }
    }

    private sealed class Waiter(RateLimitRequest request, RateLimitDecision? denial)
    {
        public RateLimitRequest Request => request;

        public TaskCompletionSource<RateLimitDecision> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RateLimitDecision? Latest { get; set; } = denial;

        public void GiveUp(RateLimitDecision? queueDenial)
        {
            var denial = Latest ?? queueDenial;
            Completion.TrySetResult(denial ?? new RateLimitDecision(false, TimeSpan.FromSeconds(1), new Dictionary<string, string>
            {
                [RateLimitHeaders.RetryAfter] = "1",
            }, null));
        }
    }
}
