using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// Group commit for admission decisions. Each hash tag (one Redis Cluster slot, named by its clock key) has
/// one lane with at most two script calls in flight: a decision arriving while fewer are in flight is sent at
/// once; those arriving while both are wait and go together in the next call (<see cref="GcraScripts.AcquireBatch"/>),
/// which decides them in arrival order exactly as one script each would. Under load this turns a queue of
/// scripts, each paying Redis's and the client's per-command cost, into a few calls; alone, a decision costs
/// what it did. With <see cref="RateLimitingOptions.MaxDecisionsPerBatch"/> 1 every decision is its own
/// <see cref="GcraScripts.Acquire"/> call and nothing waits for a lane.
/// </summary>
/// <remarks>
/// A caller that stops waiting (cancelled, or <see cref="RateLimitingOptions.RedisTimeout"/> passed) before
/// its decision is sent is dropped from the batch; after it is sent, a later admission is refunded, so an
/// abandoned call does not hold capacity it will never use.
/// </remarks>
internal sealed partial class AdmissionBatcher(IConnectionMultiplexer redis, RateLimitingOptions options, ScriptClock clock, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    private int MaxDecisionsPerBatch => options.MaxDecisionsPerBatch;

    /// <summary>Decides one call against its limits; throws <see cref="RedisException"/> or <see cref="TimeoutException"/> when Redis does not answer.</summary>
    public Task<GcraOutcome> DecideAsync(string clockKey, IReadOnlyList<LimitSpec> specs, CancellationToken cancellationToken) =>
        options.MaxDecisionsPerBatch == 1
            ? DecideAloneAsync(clockKey, specs, cancellationToken)
            : DecideBatchedAsync(clockKey, specs, cancellationToken);

    private async Task<GcraOutcome> DecideBatchedAsync(string clockKey, IReadOnlyList<LimitSpec> specs, CancellationToken cancellationToken)
    {
        var pending = new PendingDecision(specs);
        _lanes.GetOrAdd(clockKey, static (key, owner) => new Lane(owner, key), this).Enqueue(pending);
        try
        {
            return await pending.Task.WaitAsync(options.RedisTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Claim the decision: still queued, it is dropped; already sent, the lane refunds an admission.
            // Losing the claim means the answer arrived as the wait ended, and this caller will not use it.
            if (!pending.TrySetCanceled(CancellationToken.None) && pending.Task.IsCompletedSuccessfully && pending.Task.Result.Allowed)
            {
                Refund(clockKey, specs);
            }

            throw;
        }
    }

    private async Task<GcraOutcome> DecideAloneAsync(string clockKey, IReadOnlyList<LimitSpec> specs, CancellationToken cancellationToken)
    {
        var call = StartAlone(clockKey, specs);
        RedisResult result;
        try
        {
            result = await call.WaitAsync(options.RedisTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _ = RefundWhenAdmittedAsync(call, clockKey, [specs]);
            throw;
        }

        var offset = 0;
        return Read((RedisResult[])result!, ref offset, specs.Count);
    }

    /// <summary>One decision's <see cref="GcraScripts.Acquire"/> call: same answer as a batch of one, fewer arguments for Redis to read.</summary>
    private Task<RedisResult> StartAlone(string clockKey, IReadOnlyList<LimitSpec> specs)
    {
        var keys = new RedisKey[specs.Count + 1];
        var args = new RedisValue[ScriptClock.ArgumentCount + (specs.Count * 3)];
        keys[0] = clockKey;
        clock.Fill(args);
        for (var i = 0; i < specs.Count; i++)
        {
            var a = ScriptClock.ArgumentCount + (i * 3);
            keys[i + 1] = specs[i].Key;
            args[a] = specs[i].IntervalMicros;
            args[a + 1] = specs[i].CapacityMicros;
            args[a + 2] = specs[i].Cost;
        }

        return redis.GetDatabase().ScriptEvaluateAsync(GcraScripts.Acquire, keys, args);
    }

    /// <summary>Builds the batch's script call and hands it to StackExchange.Redis, which writes calls in the order they are started.</summary>
    private Task<RedisResult> StartCall(string clockKey, List<PendingDecision> batch, Dictionary<string, int> keyIndex)
    {
        try
        {
            if (batch.Count == 1)
            {
                return StartAlone(clockKey, batch[0].Specs);
            }

            // KEYS[1] is the clock; every distinct limit once after it (Lua indexes from 1).
            keyIndex.Clear();
            var argCount = ScriptClock.ArgumentCount + 1;
            // Index loops: the specs are an interface, whose enumerator would be an allocation per decision.
            foreach (var decision in batch)
            {
                var specs = decision.Specs;
                argCount += 1 + (specs.Count * 4);
                for (var i = 0; i < specs.Count; i++)
                {
                    keyIndex.TryAdd(specs[i].Key, keyIndex.Count + 2);
                }
            }

            var keys = new RedisKey[keyIndex.Count + 1];
            keys[0] = clockKey;
            foreach (var (key, index) in keyIndex)
            {
                keys[index - 1] = key;
            }

            var args = new RedisValue[argCount];
            clock.Fill(args);
            var a = ScriptClock.ArgumentCount;
            args[a++] = batch.Count;
            foreach (var decision in batch)
            {
                var specs = decision.Specs;
                args[a++] = specs.Count;
                for (var i = 0; i < specs.Count; i++)
                {
                    var spec = specs[i];
                    args[a++] = keyIndex[spec.Key];
                    args[a++] = spec.IntervalMicros;
                    args[a++] = spec.CapacityMicros;
                    args[a++] = spec.Cost;
                }
            }

            return redis.GetDatabase().ScriptEvaluateAsync(GcraScripts.AcquireBatch, keys, args);
        }
#pragma warning disable CA1031 // Reported to every decision of the batch by FinishAsync.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<RedisResult>(ex);
        }
    }

    private async Task FinishAsync(string clockKey, List<PendingDecision> batch, Task<RedisResult> call)
    {
        try
        {
            var values = (RedisResult[])(await call.WaitAsync(options.RedisTimeout))!;
            var offset = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                var outcome = Read(values, ref offset, batch[i].Specs.Count);
                Complete(clockKey, batch[i], outcome, null, inline: i == batch.Count - 1);
            }
        }
#pragma warning disable CA1031 // Whatever failed the call fails each waiting decision; the lane must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (ex is TimeoutException)
            {
                var sent = new IReadOnlyList<LimitSpec>[batch.Count];
                for (var i = 0; i < sent.Length; i++)
                {
                    sent[i] = batch[i].Specs;
                }

                _ = RefundWhenAdmittedAsync(call, clockKey, sent);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                Complete(clockKey, batch[i], default, ex, inline: i == batch.Count - 1);
            }
        }
    }

    /// <summary>
    /// Hands a decision to its caller. This runs on a thread-pool thread (Redis completes its calls there); the
    /// last caller of a batch goes on inline on it, the others are queued to run in parallel, so a lone decision
    /// (the usual case below saturation) costs no extra thread hand-off and a batch is never served one by one.
    /// </summary>
    private void Complete(string clockKey, PendingDecision decision, GcraOutcome outcome, Exception? error, bool inline)
    {
        if (!inline)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static state => state.Owner.Complete(state.ClockKey, state.Decision, state.Outcome, state.Error, inline: true),
                (Owner: this, ClockKey: clockKey, Decision: decision, Outcome: outcome, Error: error),
                preferLocal: false);
            return;
        }

        if (error is not null)
        {
            decision.TrySetException(error);
        }
        else if (!decision.TrySetResult(outcome) && outcome.Allowed)
        {
            Refund(clockKey, decision.Specs);
        }
    }

    private static GcraOutcome Read(RedisResult[] values, ref int offset, int limits)
    {
        var levels = new double[limits];
        for (var i = 0; i < limits; i++)
        {
            levels[i] = (double)values[offset + 2 + i];
        }

        var outcome = new GcraOutcome((long)values[offset] == 1, (long)values[offset + 1], levels);
        offset += 2 + limits;
        return outcome;
    }

    /// <summary>After a wait gave up on a call Redis may still run: refund each decision it admitted.</summary>
    private async Task RefundWhenAdmittedAsync(Task<RedisResult> call, string clockKey, IReadOnlyList<LimitSpec>[] decisions)
    {
        RedisResult[] values;
        try
        {
            values = (RedisResult[])(await call)!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Never answered: whatever Redis did stays reserved, erring on the safe side.
            return;
        }

        var offset = 0;
        foreach (var specs in decisions)
        {
            if (Read(values, ref offset, specs.Count).Allowed)
            {
                Refund(clockKey, specs);
            }
        }
    }

    private void Refund(string clockKey, IReadOnlyList<LimitSpec> specs) => _ = RefundAsync(clockKey, specs);

    private async Task RefundAsync(string clockKey, IReadOnlyList<LimitSpec> specs)
    {
        // The call never goes upstream: hand back its request and its tokens.
        var keys = new RedisKey[specs.Count + 1];
        var args = new RedisValue[ScriptClock.ArgumentCount + specs.Count];
        keys[0] = clockKey;
        clock.Fill(args);
        for (var i = 0; i < specs.Count; i++)
        {
            keys[i + 1] = specs[i].Key;
            args[ScriptClock.ArgumentCount + i] = -specs[i].NeedMicros;
        }

        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(GcraScripts.Settle, keys, args).WaitAsync(options.RedisTimeout);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRefundFailed(logger, clockKey, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refund an abandoned admission under {ClockKey} ({Error}); it stands as reserved.")]
    private static partial void LogRefundFailed(ILogger logger, string clockKey, string error);

    /// <summary>One caller's decision, completed by its lane (see <see cref="Complete"/> for which thread its caller goes on).</summary>
    private sealed class PendingDecision(IReadOnlyList<LimitSpec> specs)
        : TaskCompletionSource<GcraOutcome>(TaskCreationOptions.None)
    {
        public IReadOnlyList<LimitSpec> Specs => specs;
    }

    /// <summary>The decisions of one hash tag: a queue and at most <see cref="MaxCallsInFlight"/> calls in flight.</summary>
    private sealed class Lane(AdmissionBatcher owner, string clockKey)
    {
        // Two, so the client builds and sends the next batch while Redis still runs the previous one (with one,
        // client and Redis take turns); more would only split bursts into smaller batches.
        private const int MaxCallsInFlight = 2;

        private readonly Lock _gate = new();
        private readonly Queue<PendingDecision> _queue = new();

        // Used only while a call is built, under the lock, so one per lane serves both senders.
        private readonly Dictionary<string, int> _keyIndex = new(StringComparer.Ordinal);
        private int _inFlight;

        public void Enqueue(PendingDecision decision)
        {
            lock (_gate)
            {
                _queue.Enqueue(decision);
                if (_inFlight == MaxCallsInFlight)
                {
                    return;
                }

                _inFlight++;
            }

            // The caller sends its own decision on its own thread; the loop goes on from Redis's answer.
            _ = SendAllAsync();
        }

        private async Task SendAllAsync()
        {
            var max = owner.MaxDecisionsPerBatch;
            var batch = new List<PendingDecision>();
            while (true)
            {
                Task<RedisResult> call;
                lock (_gate)
                {
                    while (batch.Count < max && _queue.TryDequeue(out var next))
                    {
                        // A caller that gave up while queued has completed its own decision: leave it out.
                        if (!next.Task.IsCompleted)
                        {
                            batch.Add(next);
                        }
                    }

                    if (batch.Count == 0)
                    {
                        _inFlight--;
                        return;
                    }

                    // Started under the lock: batches reach Redis in the order they were taken, so decisions are
                    // made in arrival order even with two calls in flight.
                    call = owner.StartCall(clockKey, batch, _keyIndex);
                }

                await owner.FinishAsync(clockKey, batch, call);
                batch.Clear();
            }
        }
    }
}
