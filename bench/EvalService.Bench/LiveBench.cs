using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Agentic.Eval.V1;
using Agentic.Bench;
using Agentic.Emulator;
using Agentic.LocalGateway;

namespace Agentic.EvalService.Bench;

/// <summary>
/// Live decisions under a latency budget: concurrent conversations, each a sequence of turns, judged by three
/// recorded judges whose latencies are spread 100–1500 ms (fast 100–300, middle 300–800, slow 500–1500 ms, drawn
/// per turn from a fixed seed). Reports the caller's decision latency against the budget, and how many turns the
/// jury decided versus the suite's late policy (show provisionally).
/// </summary>
internal static class LiveBench
{
    private static readonly (string Model, int Min, int Max)[] Judges =
    [
        ("judge-fast", 100, 300),
        ("judge-middle", 300, 800),
        ("judge-slow", 500, 1500),
    ];

    public static async Task RunAsync(int conversations, int turns, TimeSpan budget, int quorum)
    {
        var recordings = Path.Combine(Path.GetTempPath(), $"eval-bench-judges-{Environment.ProcessId}.jsonl");
        var random = new Random(42);
        await File.WriteAllLinesAsync(recordings,
            from c in Enumerable.Range(0, conversations)
            from t in Enumerable.Range(1, turns)
            from judge in Judges
            select JsonSerializer.Serialize(new
            {
                model = judge.Model,
                match = new { contains = $"[turn bench-{c}/{t}]" },
                content = """{"score": 8, "reason": "recorded"}""",
                latency_ms = random.Next(judge.Min, judge.Max + 1),
            }));

        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        await using var emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions());
        var routes = Judges.ToDictionary(j => $"LlmGateway:Models:{j.Model}:Deployments:0:Provider", _ => (string?)"simulated");
        routes["Simulation:RecordedAnswers"] = recordings;
        await using var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions { RedisConnectionString = redis.ConnectionString, Settings = routes });
        await using var service = await BenchEvalHost.StartAsync(emulator.Address, gateway, await postgres.CreateDatabaseAsync("evalbench"));
        var client = service.Client;
        await client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = SuiteYaml(budget, quorum) });
        using var trace = new LiveTrace();

        // One untimed turn first: connections, JIT and the worker's first tasks.
        await client.EvaluateTurnAsync(Turn("warm-up", 1, budget));

        var load = LoadAverage();
        var samples = new List<(double Ms, Decision Decision, ActivityTraceId Trace, DateTime Sent, DateTime Received)>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
        {
            for (var t = 1; t <= turns; t++)
            {
                using var span = LiveTrace.Source.StartActivity("EvaluateTurn", ActivityKind.Client);
                var sent = DateTime.UtcNow;
                var start = Stopwatch.GetTimestamp();
                var verdict = await client.EvaluateTurnAsync(Turn($"bench-{c}", t, budget));
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                lock (samples)
                {
                    samples.Add((elapsed, verdict.Decision, span?.TraceId ?? default, sent, sent.AddMilliseconds(elapsed)));
                }
            }
        }));
        clock.Stop();

        load = $"{load} at the start, {LoadAverage()} at the end";
        var latencies = samples.Select(s => s.Ms).Order().ToArray();
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * p))];
        var byJury = samples.Count(s => s.Decision is Decision.Show or Decision.Block or Decision.Escalated);
        var byPolicy = samples.Count(s => s.Decision is Decision.ShowProvisional or Decision.RetractPending);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{conversations} conversations x {turns} turns, budget {budget.TotalMilliseconds:F0} ms, quorum {quorum}, {Environment.ProcessorCount} cores, load average {load}, {clock.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine("| decisions | p50 (ms) | p99 (ms) | max (ms) | p99 - budget (ms) | by jury | by late policy |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(inv,
            $"| {samples.Count} | {Percentile(0.5):F0} | {Percentile(0.99):F0} | {latencies[^1]:F0} | {Percentile(0.99) - budget.TotalMilliseconds:F0} | {byJury} ({(double)byJury / samples.Count:P0}) | {byPolicy} ({(double)byPolicy / samples.Count:P0}) |"));

        // The judges of turns answered by the late policy are still running: let their spans land before reading them.
        using (var settle = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!settle.IsCancellationRequested && samples.Any(s => trace.Spans(s.Trace).Count(x => x.Name == "RunActivity:AskAsync") < Judges.Length))
            {
                await Task.Delay(200, CancellationToken.None);
            }
        }

        Console.WriteLine();
        foreach (var (title, group) in new[] { ("Decided by the jury", true), ("Answered by the late policy", false) })
        {
            var turnsOnPath = samples.Where(s => (s.Decision is Decision.Show or Decision.Block or Decision.Escalated) == group)
                .Select(s => TurnBreakdown.Of(trace.Spans(s.Trace), s.Sent, s.Received)).ToList();
            if (turnsOnPath.Count > 0)
            {
                foreach (var line in TurnBreakdown.Table(title, turnsOnPath))
                {
                    Console.WriteLine(line);
                }

                Console.WriteLine();
            }
        }

        File.Delete(recordings);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static EvaluateTurnRequest Turn(string conversation, int turn, TimeSpan budget) => new()
    {
        ConversationId = conversation,
        TurnIndex = turn,
        UserRequest = $"[turn {conversation}/{turn}] How do I reset my password?",
        AssistantResponse = "Open Settings > Security and choose Reset password.",
        Suite = "live-bench",
        BudgetMs = (int)budget.TotalMilliseconds,
    };

    private static string SuiteYaml(TimeSpan budget, int quorum) => $"""
        name: live-bench
        checks:
          - id: no-pii
            type: pii
            regions: [US, GB]
        jury:
          aggregation: mean
          quorum: {quorum}
          pass_threshold: 0.5
          judges:
        {string.Concat(Judges.Select(j => $"    - name: {j.Model}\n      model: {j.Model}\n      rubric: Score how helpful the answer is.\n      timeout: 10s\n"))}live:
          budget: {budget.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms
          when_late: show_provisional
        """;
}
