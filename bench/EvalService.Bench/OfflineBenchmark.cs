using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Agentic.Emulator;
using Agentic.Eval.V1;
using Agentic.Testing;
using Agentic.Testing.Gateway;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Agentic.EvalService.Bench;

/// <summary>
/// Offline throughput: one run of N cases judged by three judges (all on the simulated "sim-chat", whose
/// gateway limit is the given requests per minute), from StartEvalRun to COMPLETED. Every part is real and in
/// this process: Redis, PostgreSQL, the Temporal emulator, the gateway and eval-service.
/// </summary>
public static class OfflineBenchmark
{
    private const string Suite = """
        name: bench-offline
        checks:
          - id: no-pii
            type: pii
            types: [email, credit_card, ssn, iban, ip_address, secret]
        jury:
          aggregation: mean
          judges:
            - name: judge-1
              model: sim-chat
              rubric: Score how helpful the answer is.
              timeout: 60s
              max_attempts: 10
            - name: judge-2
              model: sim-chat
              rubric: Score how accurate the answer is.
              timeout: 60s
              max_attempts: 10
            - name: judge-3
              model: sim-chat
              rubric: Score how polite the answer is.
              timeout: 60s
              max_attempts: 10
        """;

    public static async Task<string> RunAsync(int cases, int requestsPerMinute, int chunkSize, int parallelChunks)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        await using var emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions());
        await using var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = redis.ConnectionString,
            Latency = TimeSpan.FromMilliseconds(20),
            RequestsPerMinute = requestsPerMinute,
            Settings = new Dictionary<string, string?>
            {
                ["RateLimiting:BurstSeconds"] = "1",
                ["RateLimiting:MaxQueueWait"] = "00:00:30",
            },
        });
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = emulator.Address,
            ["LlmGateway:BaseUrl"] = gateway.BaseAddress.ToString(),
            ["LlmGateway:ApiKey"] = gateway.ApiKey,
            ["ConnectionStrings:evaldb"] = await postgres.CreateDatabaseAsync("evalbench"),
            ["Eval:RunChunkSize"] = chunkSize.ToString(CultureInfo.InvariantCulture),
            ["Eval:RunParallelChunks"] = parallelChunks.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapEvalGrpcService();
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new Eval.V1.EvalService.EvalServiceClient(channel);

        var dataset = Path.Combine(Path.GetTempPath(), $"eval-bench-{Guid.NewGuid():N}.jsonl");
        await using (var writer = new StreamWriter(dataset))
        {
            for (var i = 0; i < cases; i++)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new { id = $"case-{i}", input = $"How do I reset password number {i}?", output = AnswerText.Build(400) }));
            }
        }

        try
        {
            await client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = Suite });
            var clock = Stopwatch.StartNew();
            var started = await client.StartEvalRunAsync(new StartEvalRunRequest { RunId = "bench", Suite = "bench-offline", Dataset = new Dataset { Location = dataset } });
            EvalRun run;
            var firstDone = TimeSpan.Zero;
            while (true)
            {
                run = await client.GetEvalRunAsync(new GetEvalRunRequest { RunId = started.RunId });
                if (firstDone == TimeSpan.Zero && run.CasesDone > 0)
                {
                    firstDone = clock.Elapsed;
                }

                if (run.State != RunState.Running)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            var limit = requestsPerMinute / 60.0;
            var judgeCalls = (run.CasesDone - run.CasesErrored) * 3.0;
            return string.Create(CultureInfo.InvariantCulture, $"""
                offline run: {cases} cases x 3 judges (sim-chat, 20 ms simulated latency), gateway limit {requestsPerMinute} req/min ({limit:F1} req/s, one second of burst, queue up to 30 s)
                  chunks            : {chunkSize} cases each, {parallelChunks} at a time
                  state             : {run.State}, {run.CasesDone} done ({run.CasesPassed} passed, {run.CasesFailed} failed, {run.CasesEscalated} escalated, {run.CasesErrored} errored)
                  elapsed           : {elapsed:F1} s (StartEvalRun to COMPLETED; first chunk stored after {firstDone.TotalSeconds:F1} s)
                  cases/s           : {run.CasesDone / elapsed:F1}
                  judge calls/s     : {judgeCalls / elapsed:F1} ({judgeCalls / elapsed / limit:F2} of the limit)
                """);
        }
        finally
        {
            File.Delete(dataset);
        }
    }
}
