using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Agentic.LlmGateway.Bench;

/// <summary>Durations of named stages inside the gateway process, for <c>proxy --breakdown</c>.</summary>
public sealed class StageTimings
{
    private readonly ConcurrentDictionary<string, List<long>> _stages = new(StringComparer.Ordinal);

    public bool Enabled { get; set; }

    public void Record(string stage, long startTimestamp)
    {
        if (!Enabled)
        {
            return;
        }

        var elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        var list = _stages.GetOrAdd(stage, _ => new List<long>(1 << 14));
        lock (list)
        {
            list.Add(elapsed);
        }
    }

    public void Clear()
    {
        foreach (var list in _stages.Values)
        {
            lock (list)
            {
                list.Clear();
            }
        }
    }

    /// <summary>One line per stage: count, p50, p99 and mean in milliseconds.</summary>
    public IEnumerable<string> Summary()
    {
        foreach (var (stage, list) in _stages.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            long[] sorted;
            lock (list)
            {
                sorted = [.. list.Order()];
            }

            if (sorted.Length == 0)
            {
                continue;
            }

            yield return string.Create(CultureInfo.InvariantCulture,
                $"{stage}: n={sorted.Length:N0} p50={Ms(sorted[sorted.Length / 2])} p99={Ms(sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))])} mean={Ms((long)sorted.Average())}");
        }
    }

    private static string Ms(long ticks) => string.Create(CultureInfo.InvariantCulture, $"{Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds:F3} ms");
}
