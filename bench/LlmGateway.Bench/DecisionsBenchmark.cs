using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Agentic.LlmGateway.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agentic.LlmGateway.Bench;

/// <summary>
/// "decisions" mode: rate-limit decisions per second and their latency against one redis-server, at 1, 16
/// and 64 concurrent callers, one limiter (one multiplexer) as in one gateway instance.
/// Program.cs calls <c>DecisionsBenchmark.RunAsync(args)</c> with the arguments after
/// <c>decisions</c>.
/// Options: <c>--redis host:port</c> (default: start a private redis-server on a free loopback port),
/// <c>--seconds N</c> per level (default 5), <c>--concurrency 1,16,64</c>, <c>--clock server|client</c>,
/// <c>--batch 128,1</c> values of <see cref="RateLimitingOptions.MaxDecisionsPerBatch"/> compared side by side
/// (1: one script per decision, the limiter before batched admission), <c>--gap-ms N</c> pause after each decision.
/// </summary>
public static class DecisionsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var redisAddress = Option(args, "--redis");
        var seconds = double.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        var levels = (Option(args, "--concurrency") ?? "1,16,64").Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Gap = TimeSpan.FromMilliseconds(double.Parse(Option(args, "--gap-ms") ?? "0", CultureInfo.InvariantCulture));
        _gaps = Gap > TimeSpan.Zero ? new Agentic.LlmGateway.Simulation.PreciseDelay() : null;
        var batches = (Option(args, "--batch") ?? "128,1").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        var clock = string.Equals(Option(args, "--clock"), "client", StringComparison.OrdinalIgnoreCase) ? RateLimitClock.Client : RateLimitClock.Server;

        Process? server = null;
        if (redisAddress is null)
        {
            var port = FreePort();
            server = StartRedis(port);
            redisAddress = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        }

        try
        {
            var redis = await ConnectAsync(redisAddress);
            var adminOptions = RedisConnectionOptions.Create(redisAddress, TimeSpan.FromSeconds(1));
            adminOptions.AllowAdmin = true;
            await using var admin = await ConnectionMultiplexer.ConnectAsync(adminOptions);
            var redisServer = admin.GetServer(admin.GetEndPoints()[0]);
            Console.WriteLine($"# rate-limit decisions against redis-server {redisServer.Version} at {redisAddress}, clock={clock}, {seconds} s per level, {Environment.ProcessorCount} cores");
            Console.WriteLine("| concurrent callers | max decisions per script | decisions | decisions/s | p50 | p99 | allowed | script calls | decisions per call | Redis µs per decision |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var level in levels)
            {
                foreach (var batch in batches)
                {
                    var limiter = CreateLimiter(redis, clock, batch);
                    await RunLevelAsync(limiter, level, TimeSpan.FromSeconds(1)); // warm-up: JIT, script cache, pool
                    var before = await ScriptStatsAsync(redisServer);
                    var result = await RunLevelAsync(limiter, level, TimeSpan.FromSeconds(seconds));
                    var after = await ScriptStatsAsync(redisServer);
                    var calls = after.Calls - before.Calls;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {level} | {batch} | {result.Count:N0} | {result.Count / result.Elapsed.TotalSeconds:N0} | {result.P50.TotalMilliseconds:F3} ms | {result.P99.TotalMilliseconds:F3} ms | {result.Allowed:N0} | {calls:N0} | {result.Count / (double)Math.Max(1, calls):F1} | {(after.Micros - before.Micros) / Math.Max(1, result.Count):F1} |"));
                }
            }

            // Shows the scripts run as EVALSHA (cached), not EVAL with the script text every time.
            var stats = await redisServer.InfoAsync("commandstats");
            foreach (var stat in stats.SelectMany(g => g).Where(s => s.Key.StartsWith("cmdstat_eval", StringComparison.Ordinal)))
            {
                Console.WriteLine($"# {stat.Key}: {stat.Value}");
            }

            await redis.DisposeAsync();
            return 0;
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill();
                await server.WaitForExitAsync();
            }

            server?.Dispose();
        }
    }

    /// <summary>Script calls (EVAL + EVALSHA) and the microseconds Redis spent in them so far.</summary>
    private static async Task<(long Calls, double Micros)> ScriptStatsAsync(IServer server)
    {
        long calls = 0;
        double micros = 0;
        foreach (var stat in (await server.InfoAsync("commandstats")).SelectMany(g => g).Where(s => s.Key is "cmdstat_eval" or "cmdstat_evalsha"))
        {
            foreach (var field in stat.Value.Split(','))
            {
                var (name, value) = (field.Split('=')[0], field.Split('=')[1]);
                if (name == "calls")
                {
                    calls += long.Parse(value, CultureInfo.InvariantCulture);
                }
                else if (name == "usec")
                {
                    micros += double.Parse(value, CultureInfo.InvariantCulture);
                }
            }
        }

        return (calls, micros);
    }

    private static RedisTokenRateLimiter CreateLimiter(IConnectionMultiplexer redis, RateLimitClock clock, int maxDecisionsPerBatch)
    {
        // Limits far above what the benchmark reaches: every decision runs the full check-and-reserve path
        // on four keys (caller×model and model, requests and tokens) and is admitted.
        var options = new RateLimitingOptions
        {
            KeyPrefix = "bench" + Guid.NewGuid().ToString("N")[..8],
            Clock = clock,
            MaxDecisionsPerBatch = maxDecisionsPerBatch,
            CallerDefaults = new RateLimitSettings { RequestsPerMinute = 1_000_000_000, TokensPerMinute = 1_000_000_000_000 },
        };
        options.Models["gpt-4o"] = new ModelRateLimitOptions { RequestsPerMinute = 1_000_000_000, TokensPerMinute = 1_000_000_000_000 };
        return new RedisTokenRateLimiter(redis, Options.Create(options), new RateLimiterStatus(), TimeProvider.System, NullLogger<RedisTokenRateLimiter>.Instance);
    }

    private static async Task<LevelResult> RunLevelAsync(RedisTokenRateLimiter limiter, int concurrency, TimeSpan duration)
    {
        var latencies = new List<long>[concurrency];
        var allowed = 0L;
        var stopwatch = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<long>(1 << 16);
            var request = new RateLimitRequest($"caller-{i}", "gpt-4o", "interactive", 500);
            while (stopwatch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var decision = await limiter.AcquireAsync(request, CancellationToken.None);
                mine.Add(Stopwatch.GetTimestamp() - start);
                if (_gaps is not null)
                {
                    await _gaps.DelayAsync(Gap, CancellationToken.None);
                }

                if (decision.Allowed)
                {
                    Interlocked.Increment(ref allowed);
                }
            }
        })).ToArray();
        await Task.WhenAll(callers);
        var elapsed = stopwatch.Elapsed;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LevelResult(all.Length, allowed, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    // "--gap-ms N": each caller pauses N ms (precisely) after every decision, to see a decision on a machine that
    // has had time to go idle, as at a few hundred requests a second.
    private static TimeSpan Gap;

    private static Agentic.LlmGateway.Simulation.PreciseDelay? _gaps;

    private static TimeSpan Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);

    private static async Task<ConnectionMultiplexer> ConnectAsync(string address)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnectionOptions.Create(address, TimeSpan.FromSeconds(1)));
            if (redis.IsConnected)
            {
                return redis;
            }

            await redis.DisposeAsync();
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new InvalidOperationException($"redis-server at {address} does not answer.");
            }
        }
    }

    private static Process StartRedis(int port)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (apt-get install -y redis-server).");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed record LevelResult(long Count, long Allowed, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99);
}
