using System.Diagnostics;
using Agentic.LlmGateway.RateLimiting;

namespace Agentic.LlmGateway.Bench;

/// <summary>The gateway's limiter with each decision and settlement timed (<c>proxy --breakdown</c>).</summary>
public sealed class TimedRateLimiter(ITokenRateLimiter inner, StageTimings timings) : ITokenRateLimiter
{
    public async ValueTask<RateLimitDecision> AcquireAsync(RateLimitRequest request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var decision = await inner.AcquireAsync(request, cancellationToken);
        timings.Record("limiter acquire", start);
        return decision;
    }

    public async ValueTask SettleAsync(RateLimitSettlement settlement, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.SettleAsync(settlement, cancellationToken);
        timings.Record("limiter settle", start);
    }
}
