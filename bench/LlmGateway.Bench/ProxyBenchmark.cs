using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Agentic.LlmGateway.RateLimiting;
using Agentic.Testing;
using Agentic.Testing.Gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Agentic.LlmGateway.Bench;

/// <summary>
/// "proxy" mode: non-streaming chat completions sent straight to the simulated provider and through the gateway
/// (auth, parsing, rate limiting against a private redis-server with limits far above the load, YARP forwarding,
/// usage settlement) in the same run, at 1, 16 and 64 concurrent closed-loop clients. Both paths hit the same
/// simulated upstream in the same process, so the difference is the gateway's own cost.
/// Options: <c>--seconds N</c> measured per path per level (default 6, split over <c>--rounds</c> alternating
/// direct/gateway rounds, default 3, so drift from other load on the machine hits both paths alike),
/// <c>--warmup N</c> seconds per path per level (default 2; twice that once per table first),
/// <c>--concurrency 1,16,64</c>, <c>--latency 0,100</c> simulated upstream latencies in ms (one table each), <c>--breakdown</c> to time stages
/// inside the gateway process (server time of gateway and simulated-provider requests, limiter calls),
/// <c>--only gateway|direct</c> to load one path (for a profiler), <c>--set key=value</c> for gateway settings.
/// </summary>
public static class ProxyBenchmark
{
    private const string Body =
        """{"model":"sim-chat","messages":[{"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Summarise the quarterly report in three sentences for the operations team."}],"max_tokens":64,"seed":1}""";

    private static ConnectionMultiplexer? _redisAdmin;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = double.Parse(Option(args, "--seconds") ?? "6", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        var warmup = double.Parse(Option(args, "--warmup") ?? "2", CultureInfo.InvariantCulture);
        var levels = List(Option(args, "--concurrency") ?? "1,16,64");
        var latencies = List(Option(args, "--latency") ?? "0,100");
        var timings = new StageTimings();
        var breakdown = args.Contains("--breakdown");
        // For profiling one path: "--only gateway" or "--only direct" (no ratio then).
        var only = Option(args, "--only");
        // Extra gateway configuration for experiments, e.g. "--set OTEL_SDK_DISABLED=true" (repeatable).
        var settings = args.Select((arg, i) => (arg, i)).Where(a => a.arg == "--set" && a.i + 1 < args.Length)
            .Select(a => args[a.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]);

        await using var redis = await RedisServer.StartAsync();
        var adminOptions = ConfigurationOptions.Parse(redis.ConnectionString);
        adminOptions.AllowAdmin = true;
        await using var redisAdmin = await ConnectionMultiplexer.ConnectAsync(adminOptions);
        _redisAdmin = redisAdmin;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# gateway proxy overhead: {Environment.ProcessorCount} cores, .NET {Environment.Version}, redis-server ({redis.Mode}) at {redis.ConnectionString}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {seconds} s measured per path per level in {rounds} alternating rounds after {warmup} s warm-up; load average at start: {LoadAverage()}"));

        foreach (var latencyMs in latencies)
        {
            await using var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
            {
                RedisConnectionString = redis.ConnectionString,
                Latency = TimeSpan.FromMilliseconds(latencyMs),
                Settings = settings,
                ConfigureServices = breakdown ? services => AddTimings(services, timings) : null,
            });
            using var direct = new Target(new Uri(gateway.SimulatedProviderAddress, "v1/chat/completions"), "sk-bench-direct");
            using var proxied = new Target(new Uri(gateway.BaseAddress, "v1/chat/completions"), gateway.ApiKey);
            await CheckSameAnswerAsync(direct, proxied);

            // Tiered JIT of both paths (the gateway has more code to tier up) before any level is measured.
            await RunAsync(direct, 16, TimeSpan.FromSeconds(2 * warmup));
            await RunAsync(proxied, 16, TimeSpan.FromSeconds(2 * warmup));

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## simulated upstream latency {latencyMs} ms"));
            Console.WriteLine("| clients | direct req/s | gateway req/s | gateway/direct | direct p50 | gateway p50 | added p50 | direct p99 | gateway p99 | added p99 | CPU/req direct (process + redis) | CPU/req gateway (process + redis) | errors | load avg |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var level in levels)
            {
                await RunAsync(direct, level, TimeSpan.FromSeconds(warmup));
                await RunAsync(proxied, level, TimeSpan.FromSeconds(warmup));
                timings.Clear();
                timings.Enabled = breakdown;
                var directResult = new Samples();
                var proxiedResult = new Samples();
                for (var round = 0; round < rounds; round++)
                {
                    if (only != "gateway")
                    {
                        directResult.Add(await RunAsync(direct, level, TimeSpan.FromSeconds(seconds / rounds)));
                    }

                    if (only != "direct")
                    {
                        proxiedResult.Add(await RunAsync(proxied, level, TimeSpan.FromSeconds(seconds / rounds)));
                    }
                }

                var (d50, d99) = directResult.Percentiles();
                var (g50, g99) = proxiedResult.Percentiles();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {level} | {directResult.Rate:N0} | {proxiedResult.Rate:N0} | {proxiedResult.Rate / directResult.Rate:F2} | {Ms(d50)} | {Ms(g50)} | {Ms(g50 - d50)} | {Ms(d99)} | {Ms(g99)} | {Ms(g99 - d99)} | {directResult.CpuPerRequest} | {proxiedResult.CpuPerRequest} | {directResult.Errors + proxiedResult.Errors} | {LoadAverage()} |"));
                timings.Enabled = false;
                foreach (var line in timings.Summary())
                {
                    Console.WriteLine($"#   {level} clients, {line}");
                }
            }
        }

        return 0;
    }

    /// <summary>Wraps the limiter and adds the timing middleware; off unless <c>--breakdown</c> (it costs a little itself).</summary>
    private static void AddTimings(IServiceCollection services, StageTimings timings)
    {
        var limiter = services.Last(d => d.ServiceType == typeof(ITokenRateLimiter));
        services.Remove(limiter);
        services.AddSingleton<ITokenRateLimiter>(sp => new TimedRateLimiter(
            (ITokenRateLimiter)(limiter.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, limiter.ImplementationType!)),
            timings));
        services.AddSingleton<IStartupFilter>(new TimingStartupFilter(timings));
    }

    private static async Task CheckSameAnswerAsync(Target direct, Target proxied)
    {
        var a = await direct.SendForTextAsync();
        var b = await proxied.SendForTextAsync();
        if (a.Status != HttpStatusCode.OK || b.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"direct answered {(int)a.Status}, gateway {(int)b.Status}: {b.Body}");
        }

        var content = a.Body[a.Body.IndexOf("\"content\"", StringComparison.Ordinal)..a.Body.IndexOf("\"usage\"", StringComparison.Ordinal)];
        if (!b.Body.Contains(content, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the gateway's answer differs from the simulated provider's: not the same upstream work");
        }
    }

    private static async Task<Run> RunAsync(Target target, int concurrency, TimeSpan duration)
    {
        var latencies = new List<long>[concurrency];
        var errors = 0L;
        var cpuBefore = await CpuAsync();
        var stopwatch = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<long>(1 << 14);
            while (stopwatch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await target.SendAsync();
                var elapsed = Stopwatch.GetTimestamp() - start;
                if (ok)
                {
                    mine.Add(elapsed);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var elapsed = stopwatch.Elapsed;
        var cpu = await CpuAsync() - cpuBefore;
        return new Run(latencies.SelectMany(l => l).ToArray(), errors, elapsed, cpu);
    }

    private static string Ms(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:F3} ms");

    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]} {fields[1]} {fields[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static int[] List(string text) => text.Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>
    /// CPU time of this process (clients, gateway and simulated provider) plus redis-server's: per request it
    /// measures cost without the wait for a core that other load on the machine adds to latency (spin-waiting
    /// threads count too, which inflates it at low load).
    /// </summary>
    private static async Task<Cpu> CpuAsync()
    {
        using var process = Process.GetCurrentProcess();
        var own = process.TotalProcessorTime;
        if (_redisAdmin is null)
        {
            return new Cpu(own, TimeSpan.Zero);
        }

        var info = (await _redisAdmin.GetServer(_redisAdmin.GetEndPoints()[0]).InfoAsync("cpu")).SelectMany(g => g)
            .Where(kv => kv.Key is "used_cpu_sys" or "used_cpu_user")
            .Sum(kv => double.Parse(kv.Value, CultureInfo.InvariantCulture));
        return new Cpu(own, TimeSpan.FromSeconds(info));
    }

    private readonly record struct Cpu(TimeSpan Process, TimeSpan Redis)
    {
        public static Cpu operator -(Cpu a, Cpu b) => new(a.Process - b.Process, a.Redis - b.Redis);

        public static Cpu operator +(Cpu a, Cpu b) => new(a.Process + b.Process, a.Redis + b.Redis);
    }

    private sealed record Run(long[] Latencies, long Errors, TimeSpan Elapsed, Cpu Cpu);

    private sealed class Samples
    {
        private readonly List<long[]> _latencies = [];
        private long _count;
        private TimeSpan _elapsed;
        private Cpu _cpu;

        public long Errors { get; private set; }

        public double Rate => _count / _elapsed.TotalSeconds;

        /// <summary>CPU microseconds per request: this process (clients, gateway, provider) + redis-server.</summary>
        public string CpuPerRequest => string.Create(CultureInfo.InvariantCulture,
            $"{_cpu.Process.TotalMicroseconds / Math.Max(1, _count):N0} + {_cpu.Redis.TotalMicroseconds / Math.Max(1, _count):N0} µs");

        public void Add(Run run)
        {
            _latencies.Add(run.Latencies);
            _count += run.Latencies.Length;
            _elapsed += run.Elapsed;
            _cpu += run.Cpu;
            Errors += run.Errors;
        }

        public (TimeSpan P50, TimeSpan P99) Percentiles()
        {
            var all = _latencies.SelectMany(l => l).Order().ToArray();
            return (Percentile(all, 0.50), Percentile(all, 0.99));
        }

        private static TimeSpan Percentile(long[] sorted, double p) =>
            sorted.Length == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);
    }

    /// <summary>One path's client: a pooled connection per concurrent caller, the request body encoded once.</summary>
    private sealed class Target : IDisposable
    {
        private static readonly byte[] BodyBytes = Encoding.UTF8.GetBytes(Body);
        private static readonly MediaTypeHeaderValue Json = new("application/json");
        private readonly HttpClient _http;
        private readonly Uri _uri;

        public Target(Uri uri, string key)
        {
            _uri = uri;
            _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        public async Task<bool> SendAsync()
        {
            using var request = Request();
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                await stream.CopyToAsync(Stream.Null);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        public async Task<(HttpStatusCode Status, string Body)> SendForTextAsync()
        {
            using var request = Request();
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => _http.Dispose();

        private HttpRequestMessage Request()
        {
            var content = new ByteArrayContent(BodyBytes);
            content.Headers.ContentType = Json;
            return new HttpRequestMessage(HttpMethod.Post, _uri) { Content = content };
        }
    }
}
