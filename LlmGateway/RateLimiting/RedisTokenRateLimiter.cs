using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// GCRA limits shared by every gateway instance through Redis scripts that decide each call atomically
/// (see <see cref="GcraScripts"/>; concurrent decisions of one model share a call, see
/// <see cref="AdmissionBatcher"/>), with an in-process fallback or a 503 while Redis is away, and an
/// optional fair wait for capacity.
/// </summary>
public sealed partial class RedisTokenRateLimiter : ITokenRateLimiter
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private readonly IConnectionMultiplexer _redis;
    private readonly RateLimiterStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisTokenRateLimiter> _logger;
    private readonly RateLimitingOptions _options;
    private readonly LimitPlanner _planner;
    private readonly LocalGcraStore _local;
    private readonly ScriptClock _clock;
    private readonly AdmissionBatcher _admissions;
    private readonly ConcurrentDictionary<(string Model, string PriorityClass), FairWaitQueue> _queues = new();

    public RedisTokenRateLimiter(
        IConnectionMultiplexer redis,
        IOptions<RateLimitingOptions> options,
        RateLimiterStatus status,
        TimeProvider time,
        ILogger<RedisTokenRateLimiter> logger)
    {
        _redis = redis;
        _status = status;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _planner = new LimitPlanner(_options);
        _local = new LocalGcraStore(time);
        _clock = new ScriptClock(_options, time);
        _admissions = new AdmissionBatcher(redis, _options, _clock, logger);
    }

    public async ValueTask<RateLimitDecision> AcquireAsync(RateLimitRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Caller);
        ArgumentException.ThrowIfNullOrEmpty(request.Model);
        ArgumentOutOfRangeException.ThrowIfNegative(request.ReservedTokens);

        var maxWait = _planner.MaxQueueWait(request.Caller);
        if (maxWait <= TimeSpan.Zero)
        {
            return await AcquireOnceAsync(request, cancellationToken);
        }

        var queue = _queues.GetOrAdd((request.Model, request.PriorityClass ?? string.Empty), _ => new FairWaitQueue(AcquireOnceAsync, ReleaseAsync, _time));
        RateLimitDecision? denial = null;
        if (queue.IsEmpty)
        {
            var decision = await AcquireOnceAsync(request, cancellationToken);
            // No point waiting when the wait needed is longer than the caller accepts, or Redis is down.
            if (decision.Allowed || decision.Unavailable || decision.RetryAfter > maxWait)
            {
                return decision;
            }

            denial = decision;
        }

        return await queue.WaitAsync(request, denial, maxWait, cancellationToken);
    }

    /// <summary>How many calls have ever waited in this instance's line for a model and priority class (diagnostics).</summary>
    public long WaitersQueued(string model, string priorityClass) =>
        _queues.TryGetValue((model, priorityClass), out var queue) ? queue.Enqueued : 0;

    public async ValueTask SettleAsync(RateLimitSettlement settlement, CancellationToken cancellationToken)
    {
        var reservation = settlement.Reservation;
        var delta = (long)settlement.ActualTokens - reservation.ReservedTokens;
        if (delta == 0)
        {
            return;
        }

        var specs = _planner.Plan(reservation.Caller, reservation.Model, reservation.PriorityClass, reservation.ReservedTokens)
            .Where(s => s.Dimension == LimitDimension.Tokens)
            .ToList();
        if (specs.Count == 0)
        {
            return;
        }

        if (reservation.Local)
        {
            _local.Settle([.. specs.Select(s => s.ForLocal(_options.ExpectedInstances)).Select(s => (s.Key, delta * s.IntervalMicros))]);
            return;
        }

        var keys = new RedisKey[specs.Count + 1];
        var args = new RedisValue[ScriptClock.ArgumentCount + specs.Count];
        keys[0] = _planner.ClockKey(reservation.Model);
        _clock.Fill(args);
        for (var i = 0; i < specs.Count; i++)
        {
            keys[i + 1] = specs[i].Key;
            args[ScriptClock.ArgumentCount + i] = delta * specs[i].IntervalMicros;
        }

        try
        {
            await _redis.GetDatabase().ScriptEvaluateAsync(GcraScripts.Settle, keys, args).WaitAsync(_options.RedisTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The reservation simply stands; the limit errs on the safe side.
            LogSettleFailed(_logger, reservation.Model, ex.Message);
        }
    }

    private async ValueTask<RateLimitDecision> AcquireOnceAsync(RateLimitRequest request, CancellationToken cancellationToken)
    {
        var specs = _planner.Plan(request.Caller, request.Model, request.PriorityClass, request.ReservedTokens);
        var reservation = new RateLimitReservation(request.Caller, request.Model, request.PriorityClass, request.ReservedTokens);
        if (specs.Count == 0)
        {
            return new RateLimitDecision(true, TimeSpan.Zero, NoHeaders, reservation);
        }

        string error;
        if (_redis.IsConnected)
        {
            try
            {
                var result = await _admissions.DecideAsync(_planner.ClockKey(request.Model), specs, cancellationToken);
                if (_status.ReportAvailable())
                {
                    LogRedisRecovered(_logger);
                }

                return Decide(specs, result.Allowed, result.RetryMicros, result.Levels, reservation);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                error = ex.Message;
            }
        }
        else
        {
            error = "Redis is not connected.";
        }

        var policy = _planner.FailurePolicy(request.Model);
        if (_status.ReportUnavailable(error, _time.GetUtcNow()))
        {
            LogRedisUnavailable(_logger, error);
        }

        if (policy == RateLimitFailurePolicy.FailClosed)
        {
            var retry = TimeSpan.FromSeconds(1);
            return new RateLimitDecision(false, retry, new Dictionary<string, string>
            {
                [RateLimitHeaders.RetryAfter] = RateLimitHeaders.FormatRetryAfterSeconds(retry),
            }, null)
            { Unavailable = true, LimitedBy = "unavailable" };
        }

        var local = specs.Select(s => s.ForLocal(_options.ExpectedInstances)).ToList();
        var (allowed, retryMicros, levels) = _local.Acquire(local);
        return Decide(local, allowed, retryMicros, levels, reservation with { Local = true });
    }

    private static RateLimitDecision Decide(
        IReadOnlyList<LimitSpec> specs, bool allowed, double retryMicros, double[] levels, RateLimitReservation reservation)
    {
        var headers = new Dictionary<string, string>(9, StringComparer.OrdinalIgnoreCase);
        string? limitedBy = null;
        var maxWait = 0.0;
        foreach (var dimension in (ReadOnlySpan<LimitDimension>)[LimitDimension.Requests, LimitDimension.Tokens])
        {
            // Report the binding limit of each dimension: on a refusal the one that refused (its reset is the
            // time until this call fits, i.e. Retry-After); otherwise the one with the least left (its reset
            // is the time until it is full again, OpenAI's meaning).
            var chosen = -1;
            var chosenWait = 0.0;
            for (var i = 0; i < specs.Count; i++)
            {
                if (specs[i].Dimension != dimension)
                {
                    continue;
                }

                var wait = allowed ? 0 : specs[i].WaitMicros(levels[i]);
                if (chosen < 0
                    || wait > chosenWait
                    || (wait == chosenWait && specs[i].Remaining(levels[i]) < specs[chosen].Remaining(levels[chosen])))
                {
                    chosen = i;
                    chosenWait = wait;
                }
            }

            if (chosen < 0)
            {
                continue;
            }

            var spec = specs[chosen];
            if (chosenWait > maxWait)
            {
                maxWait = chosenWait;
                limitedBy = spec.Name;
            }

            var isRequests = dimension == LimitDimension.Requests;
            var reset = chosenWait > 0 ? chosenWait : levels[chosen];
            headers[isRequests ? RateLimitHeaders.LimitRequests : RateLimitHeaders.LimitTokens] = spec.CapacityUnits.ToString(CultureInfo.InvariantCulture);
            headers[isRequests ? RateLimitHeaders.RemainingRequests : RateLimitHeaders.RemainingTokens] = spec.Remaining(levels[chosen]).ToString(CultureInfo.InvariantCulture);
            headers[isRequests ? RateLimitHeaders.ResetRequests : RateLimitHeaders.ResetTokens] = RateLimitHeaders.FormatDuration(TimeSpan.FromMicroseconds(reset));
        }

        if (allowed)
        {
            return new RateLimitDecision(true, TimeSpan.Zero, headers, reservation);
        }

        // Whole milliseconds, rounded up: timers and headers work in milliseconds, and early is useless.
        var retryAfter = TimeSpan.FromMilliseconds(Math.Ceiling(Math.Max(retryMicros, maxWait) / 1000));
        headers[RateLimitHeaders.RetryAfter] = RateLimitHeaders.FormatRetryAfterSeconds(retryAfter);
        headers[RateLimitHeaders.RetryAfterMs] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        return new RateLimitDecision(false, retryAfter, headers, null) { LimitedBy = limitedBy };
    }

    private ValueTask ReleaseAsync(RateLimitReservation reservation) =>
        SettleAsync(new RateLimitSettlement(reservation, 0), CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter cannot reach Redis ({Error}); applying each limit's failure policy until it returns.")]
    private static partial void LogRedisUnavailable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limiter reaches Redis again; limits are shared across instances.")]
    private static partial void LogRedisRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle a reservation for model {Model} ({Error}); it stands as reserved.")]
    private static partial void LogSettleFailed(ILogger logger, string model, string error);
}
