using System.Globalization;
using StackExchange.Redis;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>
/// An admin connection to the test Redis: counts the scripts it ran and pauses its script clients, so a test
/// can hold one call in flight while more decisions queue behind it (no timing involved).
/// </summary>
internal sealed class RedisAdmin : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly IServer _server;

    private RedisAdmin(ConnectionMultiplexer redis)
    {
        _redis = redis;
        _server = redis.GetServers()[0];
    }

    public static async Task<RedisAdmin> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;
        return new RedisAdmin(await ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>How many EVAL and EVALSHA calls Redis has run since it started.</summary>
    public async Task<long> ScriptCallsAsync()
    {
        var info = await _server.InfoRawAsync("commandstats") ?? string.Empty;
        long calls = 0;
        foreach (var line in info.Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("cmdstat_eval:", StringComparison.Ordinal) || line.StartsWith("cmdstat_evalsha:", StringComparison.Ordinal))
            {
                var start = line.IndexOf("calls=", StringComparison.Ordinal) + "calls=".Length;
                var end = line.IndexOf(',', start);
                calls += long.Parse(line.AsSpan(start, end - start), CultureInfo.InvariantCulture);
            }
        }

        return calls;
    }

    /// <summary>Holds every write command and script (not this connection's reads) until <see cref="ResumeAsync"/>.</summary>
    public Task PauseScriptsAsync() => _server.ExecuteAsync("CLIENT", "PAUSE", "60000", "WRITE");

    public Task ResumeAsync() => _server.ExecuteAsync("CLIENT", "UNPAUSE");

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
