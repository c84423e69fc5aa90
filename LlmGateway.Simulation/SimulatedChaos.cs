using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// Seeded random draws for latency and faults. One generator behind a lock: runs with the same seed and the
/// same request order draw the same faults, and the lock is far cheaper than the request around it.
/// </summary>
public sealed class SimulatedChaos(IOptions<SimulatedProviderOptions> options)
{
    public const string FaultHeader = "x-simulated-fault";

    private readonly Lock _gate = new();
    private readonly Random _random = new(options.Value.Seed);

    /// <summary>The fault forced by the request header, or a random draw by the configured rates.</summary>
    /// <returns>False when the header names no known fault.</returns>
    public bool TryChoose(string? forced, out SimulatedFault fault)
    {
        if (!string.IsNullOrEmpty(forced))
        {
            fault = forced.ToLowerInvariant() switch
            {
                "rate-limit" => SimulatedFault.RateLimit,
                "server-error" => SimulatedFault.ServerError,
                "timeout" => SimulatedFault.Timeout,
                "drop-stream" => SimulatedFault.DropStream,
                "slow-stream" => SimulatedFault.SlowStream,
                "none" => SimulatedFault.None,
                _ => (SimulatedFault)(-1),
            };
            return Enum.IsDefined(fault);
        }

        fault = Draw(options.Value);
        return true;
    }

    /// <summary>Time before the first byte: fixed, or log-normal with the configured mean and spread.</summary>
    public TimeSpan DrawLatency()
    {
        var value = options.Value;
        if (value.Latency <= TimeSpan.Zero || value.LatencyJitter <= TimeSpan.Zero)
        {
            return value.Latency;
        }

        double u1, u2;
        lock (_gate)
        {
            u1 = 1.0 - _random.NextDouble();
            u2 = _random.NextDouble();
        }

        // Log-normal with the requested mean and standard deviation: long right tail like real providers.
        var mean = value.Latency.TotalMilliseconds;
        var ratio = value.LatencyJitter.TotalMilliseconds / mean;
        var sigma2 = Math.Log(1 + (ratio * ratio));
        var mu = Math.Log(mean) - (sigma2 / 2);
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return TimeSpan.FromMilliseconds(Math.Exp(mu + (Math.Sqrt(sigma2) * normal)));
    }

    private SimulatedFault Draw(SimulatedProviderOptions value)
    {
        if (value.RateLimitFaultRate + value.ServerErrorFaultRate + value.TimeoutFaultRate + value.DropStreamFaultRate <= 0)
        {
            return SimulatedFault.None;
        }

        double u;
        lock (_gate)
        {
            u = _random.NextDouble();
        }

        if ((u -= value.RateLimitFaultRate) < 0)
        {
            return SimulatedFault.RateLimit;
        }

        if ((u -= value.ServerErrorFaultRate) < 0)
        {
            return SimulatedFault.ServerError;
        }

        if ((u -= value.TimeoutFaultRate) < 0)
        {
            return SimulatedFault.Timeout;
        }

        return u - value.DropStreamFaultRate < 0 ? SimulatedFault.DropStream : SimulatedFault.None;
    }
}
