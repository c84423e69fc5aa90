namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// One GCRA limit a decision checks: its key, its emission interval (microseconds per unit), the burst it
/// tolerates (microseconds of "theoretical arrival time" ahead of now) and what this call costs in units.
/// </summary>
internal sealed record LimitSpec(
    string Key,
    string Scope,
    LimitDimension Dimension,
    double IntervalMicros,
    double CapacityMicros,
    long CapacityUnits,
    long Cost)
{
    /// <summary>"scope:dimension", e.g. "model:tokens".</summary>
    public string Name => Dimension == LimitDimension.Requests ? $"{Scope}:requests" : $"{Scope}:tokens";

    /// <summary>Microseconds this call adds to the theoretical arrival time.</summary>
    public double NeedMicros => Cost * IntervalMicros;

    /// <summary>How long to wait, given the current level (microseconds ahead of now), before this call fits; 0 when it fits now.</summary>
    public double WaitMicros(double level)
    {
        var need = NeedMicros;
        if (level + need <= CapacityMicros)
        {
            return 0;
        }

        // A call bigger than the whole burst is admitted once the bucket is full again, so it is never starved.
        return need > CapacityMicros ? level : level + need - CapacityMicros;
    }

    /// <summary>Whole units left at this level.</summary>
    public long Remaining(double level) => Math.Max(0, (long)Math.Floor(((CapacityMicros - level) / IntervalMicros) + 1e-9));

    /// <summary>The same limit shared by <paramref name="instances"/> gateways acting alone: the rate and burst divided.</summary>
    public LimitSpec ForLocal(int instances) => instances <= 1
        ? this
        : this with { IntervalMicros = IntervalMicros * instances, CapacityUnits = CapacityUnits / instances };
}
