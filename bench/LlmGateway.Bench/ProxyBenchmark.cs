using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Agentic.Bench;
using Agentic.LlmGateway.RateLimiting;
using Agentic.LocalGateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Agentic.LlmGateway.Bench;

/// <summary>
/// "proxy" mode: non-streaming chat completions sent straight to the simulated provider and through the gateway
/// (auth, parsing, rate limiting against a private redis-server with limits far above the load, YARP forwarding,
/// usage settlement) in the same run, at 1, 16 and 64 concurrent closed-loop clients. By default the gateway is
/// the real executable in its own process and the simulated provider another one (a stand-in for a remote API);
/// both paths hit that same upstream, so the difference is the gateway's own cost.
/// Options: <c>--seconds N</c> measured per path per level (default 6, split over <c>--rounds</c> alternating
/// direct/gateway rounds, default 3, so drift from other load on the machine hits both paths alike),
/// <c>--warmup N</c> seconds per path per level (default 2; twice that once per table first),
/// <c>--concurrency 1,16,64</c>, <c>--latency 0,100</c> simulated upstream latencies in ms (one table each),
/// <c>--lockstep</c> to start every client at once instead of spread over one upstream latency,
/// <c>--host in-process</c> to run gateway and provider inside this process (the test host),
/// <c>--breakdown</c> (in-process) to time stages inside the gateway (server time of gateway and simulated-provider
/// requests, limiter calls), <c>--only gateway|direct</c> to load one path (for a profiler), <c>--set key=value</c>
/// for gateway settings (environment variables of the gateway process).
/// </summary>
public static class ProxyBenchmark
{
    private const string Body =
        """{"model":"sim-chat","messages":[{"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Summarise the quarterly report in three sentences for the operations team."}],"max_tokens":64,"seed":1}""";

    private static ConnectionMultiplexer? _redisAdmin;
    private static GatewayProcess? _upstreamProcess;
    private static GatewayProcess? _gatewayProcess;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = double.Parse(Option(args, "--seconds") ?? "6", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        var warmup = double.Parse(Option(args, "--warmup") ?? "2", CultureInfo.InvariantCulture);
        var levels = List(Option(args, "--concurrency") ?? "1,16,64");
        var latencies = List(Option(args, "--latency") ?? "0,100");
        var timings = new StageTimings();
        var breakdown = args.Contains("--breakdown");
        // "processes" (default): the real gateway executable and the simulated upstream each in a process of their
        // own, as deployed; "in-process": both inside this process with the test host (for --breakdown and profiling).
        var inProcess = (Option(args, "--host") ?? "processes") == "in-process" || breakdown;
        // "--pin": the gateway and its redis-server on the last core, clients and upstream on the others, as when
        // the gateway has a machine of its own (processes host only).
        var pin = args.Contains("--pin") && !inProcess && Environment.ProcessorCount > 1;
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
        var gatewayCpus = pin ? (Environment.ProcessorCount - 1).ToString(CultureInfo.InvariantCulture) : null;
        var otherCpus = pin ? $"0-{Environment.ProcessorCount - 2}" : null;
        if (pin)
        {
            var redisPid = (await redisAdmin.GetServer(redisAdmin.GetEndPoints()[0]).InfoAsync("server")).SelectMany(g => g).First(kv => kv.Key == "process_id").Value;
            await PinAsync(redisPid, gatewayCpus!);
            await PinAsync(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), otherCpus!);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# gateway proxy overhead: {Environment.ProcessorCount} cores, .NET {Environment.Version}, redis-server at {redis.ConnectionString}, host {(inProcess ? "in-process" : "processes")}{(pin ? ", gateway and redis-server pinned to the last core" : string.Empty)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {seconds} s measured per path per level in {rounds} alternating rounds after {warmup} s warm-up; load average at start: {LoadAverage()}"));

        foreach (var latencyMs in latencies)
        {
            // Callers that are not phase-locked: client i sends its first request i/N of the upstream latency
            // after the first. With "--lockstep" all start together, and a fixed upstream latency keeps them
            // arriving in bursts of N for the whole run (a worst case no real fleet of callers produces).
            Stagger = args.Contains("--lockstep") ? TimeSpan.Zero : TimeSpan.FromMilliseconds(latencyMs);
            await using var paths = inProcess
                ? await InProcessPathsAsync(redis, latencyMs, settings, breakdown ? services => AddTimings(services, timings) : null)
                : await ProcessPathsAsync(redis, latencyMs, settings, gatewayCpus, otherCpus);
            var direct = paths.Direct;
            var proxied = paths.Gateway;
            await CheckSameAnswerAsync(direct, proxied);

            // Tiered JIT of both paths (the gateway has more code to tier up) before any level is measured.
            await RunAsync(direct, 16, TimeSpan.FromSeconds(2 * warmup));
            await RunAsync(proxied, 16, TimeSpan.FromSeconds(2 * warmup));

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## simulated upstream latency {latencyMs} ms"));
            Console.WriteLine($"| clients | direct req/s | gateway req/s | gateway/direct | direct p50 | gateway p50 | added p50 | direct p99 | gateway p99 | added p99 | CPU/req direct | CPU/req gateway | of which gateway{(inProcess ? " (whole process)" : string.Empty)} + redis | errors | load avg |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
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
                    $"| {level} | {directResult.Rate:N0} | {proxiedResult.Rate:N0} | {proxiedResult.Rate / directResult.Rate:F2} | {Ms(d50)} | {Ms(g50)} | {Ms(g50 - d50)} | {Ms(d99)} | {Ms(g99)} | {Ms(g99 - d99)} | {directResult.CpuPerRequest} | {proxiedResult.CpuPerRequest} | {proxiedResult.GatewayCpuPerRequest(inProcess)} | {directResult.Errors + proxiedResult.Errors} | {LoadAverage()} |"));
                timings.Enabled = false;
                if (inProcess)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"#   {level} clients, allocated per request (whole process): direct {directResult.AllocatedPerRequest:N0} B, gateway {proxiedResult.AllocatedPerRequest:N0} B, added {proxiedResult.AllocatedPerRequest - directResult.AllocatedPerRequest:N0} B"));
                }

                foreach (var line in timings.Summary())
                {
                    Console.WriteLine($"#   {level} clients, {line}");
                }
            }
        }

        return 0;
    }

    /// <summary>The gateway test host in this process, serving the simulated provider on its own port too.</summary>
    private static async Task<Paths> InProcessPathsAsync(RedisServer redis, int latencyMs, Dictionary<string, string?> settings, Action<IServiceCollection>? configure)
    {
        var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = redis.ConnectionString,
            Latency = TimeSpan.FromMilliseconds(latencyMs),
            Settings = settings,
            ConfigureServices = configure,
        });
        return new Paths(
            new Target(new Uri(gateway.SimulatedProviderAddress, "v1/chat/completions"), "sk-bench-direct"),
            new Target(new Uri(gateway.BaseAddress, "v1/chat/completions"), gateway.ApiKey),
            [gateway]);
    }

    /// <summary>
    /// Two processes of the real gateway executable: the upstream only serves its simulated provider; the gateway
    /// routes <c>sim-chat</c> to it over HTTP like to a remote provider, with the limiter on Redis.
    /// </summary>
    private static async Task<Paths> ProcessPathsAsync(RedisServer redis, int latencyMs, Dictionary<string, string?> settings, string? gatewayCpus, string? otherCpus)
    {
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["Simulation__Latency"] = TimeSpan.FromMilliseconds(latencyMs).ToString("c", CultureInfo.InvariantCulture),
            ["Simulation__LatencyJitter"] = "00:00:00",
        };
        // Only the upstream serves the simulated provider; the gateway under test runs without it, as in production.
        var upstream = await GatewayProcess.StartAsync("simulated upstream", new Dictionary<string, string>(common) { ["Simulation__Enabled"] = "true" }, otherCpus);
        var callerKey = "gw-bench-" + Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>(common)
        {
            ["LlmGateway__Callers__bench__ApiKey"] = callerKey,
            ["LlmGateway__Callers__bench__PriorityClass"] = "batch",
            ["LlmGateway__Providers__simulated__BaseUrl"] = new Uri(upstream.BaseAddress, "simulated/v1/").AbsoluteUri,
            ["LlmGateway__Providers__simulated__ApiKey"] = "sk-bench-provider-" + Guid.NewGuid().ToString("N"),
            ["RateLimiting__KeyPrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["RateLimiting__Models__sim-chat__RequestsPerMinute"] = "1000000000",
            ["RateLimiting__Models__sim-chat__TokensPerMinute"] = "100000000000",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? string.Empty;
        }

        GatewayProcess gateway;
        try
        {
            gateway = await GatewayProcess.StartAsync("gateway", environment, gatewayCpus);
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }

        _upstreamProcess = upstream;
        _gatewayProcess = gateway;
        return new Paths(
            new Target(new Uri(upstream.BaseAddress, "simulated/v1/chat/completions"), "sk-bench-direct"),
            new Target(new Uri(gateway.BaseAddress, "v1/chat/completions"), callerKey),
            [gateway, upstream]);
    }

    /// <summary>Every thread of a running process onto the given CPUs (threads started later inherit it).</summary>
    private static async Task PinAsync(string pid, string cpus)
    {
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cpus, pid]) { RedirectStandardOutput = true })!;
        await taskset.WaitForExitAsync();
        if (taskset.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset could not pin {pid} to {cpus}");
        }
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

    private static TimeSpan Stagger;

    private static async Task<Run> RunAsync(Target target, int concurrency, TimeSpan duration)
    {
        var latencies = new List<long>[concurrency];
        var errors = 0L;
        var cpuBefore = await CpuAsync();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<long>(1 << 14);
            if (Stagger > TimeSpan.Zero)
            {
                await Task.Delay(Stagger * i / concurrency);
            }

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
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var cpu = await CpuAsync() - cpuBefore;
        return new Run(latencies.SelectMany(l => l).ToArray(), errors, elapsed, cpu, allocated);
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
    /// CPU time of this process (the clients; with the in-process host also gateway and simulated provider), the
    /// upstream and gateway processes and redis-server: per request it measures cost without the wait for a core
    /// that other load on the machine adds to latency (spin-waiting threads count too, which inflates it at low load).
    /// </summary>
    private static async Task<Cpu> CpuAsync()
    {
        using var process = Process.GetCurrentProcess();
        var own = process.TotalProcessorTime;
        var upstream = _upstreamProcess?.CpuTime ?? TimeSpan.Zero;
        var gateway = _gatewayProcess?.CpuTime ?? TimeSpan.Zero;
        if (_redisAdmin is null)
        {
            return new Cpu(own, upstream, gateway, TimeSpan.Zero);
        }

        var info = (await _redisAdmin.GetServer(_redisAdmin.GetEndPoints()[0]).InfoAsync("cpu")).SelectMany(g => g)
            .Where(kv => kv.Key is "used_cpu_sys" or "used_cpu_user")
            .Sum(kv => double.Parse(kv.Value, CultureInfo.InvariantCulture));
        return new Cpu(own, upstream, gateway, TimeSpan.FromSeconds(info));
    }

    private readonly record struct Cpu(TimeSpan Clients, TimeSpan Upstream, TimeSpan Gateway, TimeSpan Redis)
    {
        public TimeSpan Total => Clients + Upstream + Gateway + Redis;

        public static Cpu operator -(Cpu a, Cpu b) => new(a.Clients - b.Clients, a.Upstream - b.Upstream, a.Gateway - b.Gateway, a.Redis - b.Redis);

        public static Cpu operator +(Cpu a, Cpu b) => new(a.Clients + b.Clients, a.Upstream + b.Upstream, a.Gateway + b.Gateway, a.Redis + b.Redis);
    }

    /// <summary>The two ways to the same simulated upstream, and what must go when the level's table is done.</summary>
    private sealed class Paths(Target direct, Target gateway, IAsyncDisposable[] hosts) : IAsyncDisposable
    {
        public Target Direct => direct;

        public Target Gateway => gateway;

        public async ValueTask DisposeAsync()
        {
            direct.Dispose();
            gateway.Dispose();
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            _upstreamProcess = null;
            _gatewayProcess = null;
        }
    }

    private sealed record Run(long[] Latencies, long Errors, TimeSpan Elapsed, Cpu Cpu, long Allocated);

    private sealed class Samples
    {
        private readonly List<long[]> _latencies = [];
        private long _count;
        private TimeSpan _elapsed;
        private Cpu _cpu;
        private long _allocated;

        public long Errors { get; private set; }

        /// <summary>Bytes this process allocated per request (in-process host: clients, gateway and provider).</summary>
        public long AllocatedPerRequest => _allocated / Math.Max(1, _count);

        public double Rate => _count / _elapsed.TotalSeconds;

        /// <summary>CPU microseconds per request, every process together.</summary>
        public string CpuPerRequest => string.Create(CultureInfo.InvariantCulture, $"{PerRequest(_cpu.Total):N0} µs");

        /// <summary>The gateway's own share (its process, or this one in-process) + redis-server's.</summary>
        public string GatewayCpuPerRequest(bool inProcess) => string.Create(CultureInfo.InvariantCulture,
            $"{PerRequest(inProcess ? _cpu.Clients : _cpu.Gateway):N0} + {PerRequest(_cpu.Redis):N0} µs");

        private double PerRequest(TimeSpan cpu) => cpu.TotalMicroseconds / Math.Max(1, _count);

        public void Add(Run run)
        {
            _latencies.Add(run.Latencies);
            _count += run.Latencies.Length;
            _elapsed += run.Elapsed;
            _cpu += run.Cpu;
            _allocated += run.Allocated;
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
