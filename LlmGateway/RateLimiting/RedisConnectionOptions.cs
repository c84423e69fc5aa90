using StackExchange.Redis;

namespace Agentic.LlmGateway.RateLimiting;

/// <summary>Connection settings that keep decisions from hanging on a missing Redis and reconnect quickly.</summary>
public static class RedisConnectionOptions
{
    public static ConfigurationOptions Create(string connectionString, TimeSpan timeout)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        var millis = (int)Math.Clamp(timeout.TotalMilliseconds, 100, int.MaxValue);
        options.ConnectTimeout = millis;
        options.SyncTimeout = millis;
        options.AsyncTimeout = millis;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 2000);
        return options;
    }
}
