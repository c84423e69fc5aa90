using System.Collections.Concurrent;
using Agentic.LlmGateway.Proxy;
using Agentic.LlmGateway.RateLimiting;
using Agentic.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agentic.LlmGateway.Tests.Proxy;

public sealed class SettlementCoalescerTests
{
    [Fact]
    public async Task Settle_BurstForSameLimits_OneSettlementWithTheSummedDifference()
    {
        var limiter = new RecordingLimiter();
        var coalescer = new SettlementCoalescer(limiter, TimeProvider.System, NullLogger<SettlementCoalescer>.Instance);

        coalescer.Settle(new RateLimitReservation("a", "m", "batch", 100), 30);
        coalescer.Settle(new RateLimitReservation("a", "m", "batch", 50), 80);
        coalescer.Settle(new RateLimitReservation("a", "m", "batch", 10), 10);
        coalescer.Settle(new RateLimitReservation("b", "m", "batch", 10), 25);
        await Poll.UntilAsync(() => limiter.Settlements.Count >= 2, TimeSpan.FromSeconds(10));

        var a = Assert.Single(limiter.Settlements, s => s.Reservation.Caller == "a");
        Assert.Equal(-40, a.ActualTokens - a.Reservation.ReservedTokens); // (30 - 100) + (80 - 50) + 0
        var b = Assert.Single(limiter.Settlements, s => s.Reservation.Caller == "b");
        Assert.Equal(15, b.ActualTokens - b.Reservation.ReservedTokens);

        // A later settlement for the same limits is a new one, not lost.
        coalescer.Settle(new RateLimitReservation("a", "m", "batch", 5), 6);
        await Poll.UntilAsync(() => limiter.Settlements.Count == 3, TimeSpan.FromSeconds(10));
    }

    private sealed class RecordingLimiter : ITokenRateLimiter
    {
        public ConcurrentQueue<RateLimitSettlement> Settlements { get; } = new();

        public ValueTask<RateLimitDecision> AcquireAsync(RateLimitRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask SettleAsync(RateLimitSettlement settlement, CancellationToken cancellationToken)
        {
            Settlements.Enqueue(settlement);
            return ValueTask.CompletedTask;
        }
    }
}
