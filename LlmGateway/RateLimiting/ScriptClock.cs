using StackExchange.Redis;

namespace Agentic.LlmGateway.RateLimiting;

/// <summary>The four clock arguments every <see cref="GcraScripts"/> script starts its ARGV with.</summary>
internal sealed class ScriptClock(RateLimitingOptions options, TimeProvider time)
{
    public const int ArgumentCount = 4;

    public void Fill(RedisValue[] args)
    {
        if (options.Clock == RateLimitClock.Server)
        {
            args[0] = "s";
            args[1] = 0;
        }
        else
        {
            // Read when the script is sent, so a decision that waited for a batch uses the time it is decided at.
            args[0] = "c";
            args[1] = ((time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond) - GcraScripts.EpochMicros;
        }

        args[2] = (long)options.MaxClockSkew.TotalMicroseconds;
        args[3] = GcraScripts.ClockWindowMillis;
    }
}
