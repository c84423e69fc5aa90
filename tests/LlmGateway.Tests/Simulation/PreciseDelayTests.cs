using System.Diagnostics;
using Agentic.LlmGateway.Simulation;

namespace Agentic.LlmGateway.Tests.Simulation;

public sealed class PreciseDelayTests
{
    [Fact]
    public async Task DelayAsync_ManyOverlappingDelays_NoneCompletesBeforeItsTime()
    {
        using var delays = new PreciseDelay();
        var random = new Random(7);
        var requested = Enumerable.Range(0, 60).Select(_ => TimeSpan.FromMicroseconds(random.Next(200, 30_000))).ToArray();

        var elapsed = await Task.WhenAll(requested.Select(async delay =>
        {
            var start = Stopwatch.GetTimestamp();
            await delays.DelayAsync(delay, CancellationToken.None);
            return Stopwatch.GetElapsedTime(start);
        }));

        for (var i = 0; i < requested.Length; i++)
        {
            Assert.True(elapsed[i] >= requested[i], $"delay {i}: asked {requested[i].TotalMilliseconds} ms, got {elapsed[i].TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task DelayAsync_EarlierDelayArrivesWhileWaitingForLaterOne_EarlierCompletesFirst()
    {
        using var delays = new PreciseDelay();
        var late = delays.DelayAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var start = Stopwatch.GetTimestamp();
        await delays.DelayAsync(TimeSpan.FromMilliseconds(5), CancellationToken.None);

        Assert.True(Stopwatch.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(5));
        Assert.False(late.IsCompleted);
    }

    [Fact]
    public async Task DelayAsync_Cancelled_CancelsWithoutWaitingForItsTime()
    {
        using var delays = new PreciseDelay();
        using var cancellation = new CancellationTokenSource();
        var delay = delays.DelayAsync(TimeSpan.FromMinutes(10), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
    }

    [Fact]
    public void DelayAsync_ZeroOrNegative_AlreadyComplete()
    {
        using var delays = new PreciseDelay();

        Assert.True(delays.DelayAsync(TimeSpan.Zero, CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(delays.DelayAsync(TimeSpan.FromMilliseconds(-1), CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Dispose_PendingDelay_Cancelled()
    {
        var delays = new PreciseDelay();
        var delay = delays.DelayAsync(TimeSpan.FromMinutes(10), CancellationToken.None);

        delays.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => delays.DelayAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
    }
}
