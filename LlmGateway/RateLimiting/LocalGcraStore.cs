namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// The in-process twin of the Redis script, used while Redis is unreachable by limits that fail open.
/// Same GCRA arithmetic; the caller passes limits already divided by the expected instance count.
/// </summary>
internal sealed class LocalGcraStore(TimeProvider time)
{
    private const int SweepThreshold = 10_000;

    private readonly Dictionary<string, double> _tats = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Same result shape as the script: allowed, retry (µs) and each limit's level (µs ahead of now).</summary>
    public (bool Allowed, double RetryMicros, double[] Levels) Acquire(IReadOnlyList<LimitSpec> specs)
    {
        var levels = new double[specs.Count];
        lock (_gate)
        {
            var now = NowMicros();
            var retry = 0.0;
            for (var i = 0; i < specs.Count; i++)
            {
                levels[i] = Level(specs[i].Key, now);
                retry = Math.Max(retry, specs[i].WaitMicros(levels[i]));
            }

            if (retry > 0)
            {
                return (false, retry, levels);
            }

            for (var i = 0; i < specs.Count; i++)
            {
                levels[i] += specs[i].NeedMicros;
                _tats[specs[i].Key] = now + levels[i];
            }

            SweepIfLarge(now);
            return (true, 0, levels);
        }
    }

    /// <summary>Moves each key's TAT by its delta (µs).</summary>
    public void Settle(IReadOnlyList<(string Key, double DeltaMicros)> deltas)
    {
        lock (_gate)
        {
            var now = NowMicros();
            foreach (var (key, delta) in deltas)
            {
                var tat = now + Level(key, now) + delta;
                if (tat > now)
                {
                    _tats[key] = tat;
                }
                else
                {
                    _tats.Remove(key);
                }
            }
        }
    }

    private double Level(string key, double now) => _tats.TryGetValue(key, out var tat) && tat > now ? tat - now : 0;

    private double NowMicros() => time.GetElapsedTime(0).Ticks / (double)TimeSpan.TicksPerMicrosecond;

    private void SweepIfLarge(double now)
    {
        if (_tats.Count < SweepThreshold)
        {
            return;
        }

        foreach (var key in _tats.Where(p => p.Value <= now).Select(p => p.Key).ToList())
        {
            _tats.Remove(key);
        }
    }
}
