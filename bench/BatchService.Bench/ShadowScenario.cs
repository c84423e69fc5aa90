using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.Bench;
using Agentic.LocalServers;
using Agentic.LocalGateway;
using Grpc.Core;
using Grpc.Net.Client;
using Temporalio.Client;

namespace Agentic.BatchService.Bench;

/// <summary>
/// Shadow comparison of N row pairs (5 % changed, 2 % changed only in case and spacing) through the batch service
/// in its own process, embeddings from the simulated provider at zero latency: pairs/s, embedding calls, memory.
/// </summary>
public static class ShadowScenario
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        var pairs = options.ShadowPairs;
        var work = Path.Combine(Path.GetTempPath(), "batch-bench", "shadow-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var baseline = Path.Combine(work, "baseline.jsonl");
            var candidate = Path.Combine(work, "candidate.jsonl");
            await WriteSidesAsync(baseline, candidate, pairs);

            await using var redis = await RedisServer.StartAsync();
            await using var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
            {
                RedisConnectionString = redis.ConnectionString,
                Latency = TimeSpan.Zero,
            });
            var here = AppContext.BaseDirectory;
            var temporalPort = FreePort.Next();
            await using var emulator = ChildProcess.Start(
                Path.Combine(here, "TemporalEmulator.dll"), $"--port {temporalPort}", new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });
            await FreePort.WaitUntilListeningAsync(temporalPort, TimeSpan.FromSeconds(60));
            var grpcPort = FreePort.Next();
            await using var worker = ChildProcess.Start(Path.Combine(here, "BatchService.dll"), string.Empty, new Dictionary<string, string>
            {
                ["TEMPORAL_ADDRESS"] = $"127.0.0.1:{temporalPort}",
                ["TEMPORAL_NAMESPACE"] = "default",
                ["LlmGateway__BaseUrl"] = gateway.BaseAddress.ToString(),
                ["LlmGateway__ApiKey"] = gateway.ApiKey,
                ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
                ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
                ["Logging__LogLevel__Default"] = "Warning",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            });
            await FreePort.WaitUntilListeningAsync(grpcPort, TimeSpan.FromSeconds(60));
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
            var client = new ShadowComparisonService.ShadowComparisonServiceClient(channel);

            var request = new StartShadowComparisonRequest
            {
                JobId = "shadow-bench-" + Guid.NewGuid().ToString("N")[..8],
                Baseline = new ShadowSide { Location = baseline, RowIdColumn = "id", TextColumn = "answer" },
                Candidate = new ShadowSide { Location = candidate, RowIdColumn = "id", TextColumn = "answer" },
                CategoryColumn = "category",
                EmbeddingModel = "sim-embed",
                OutputLocation = Path.Combine(work, "out"),
            };
            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await StartWhenReadyAsync(client, request);
            ShadowComparisonStatus status;
            do
            {
                await Task.Delay(200);
                status = await client.GetShadowComparisonAsync(new GetShadowComparisonRequest { JobId = request.JobId });
            }
            while (status.State is not (BatchState.Completed or BatchState.Failed));

            var elapsed = clock.Elapsed;
            var temporal = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions($"127.0.0.1:{temporalPort}") { Namespace = "default" });
            var history = await HistorySize.MeasureRunsAsync(temporal, "shadow-" + request.JobId);
            var expectedChanged = Enumerable.Range(0, pairs).Count(i => i % 20 == 7);
            return string.Create(CultureInfo.InvariantCulture, $"""
                shadow comparison: {pairs} row pairs, embeddings at zero simulated latency, chunks of 1000
                  state             : {status.State}, {status.PairsCompared} compared, {status.RowsFailed} failed
                  changed           : {status.Changed} (planted {expectedChanged}), exact {status.ExactMatches}, normalised {status.NormalizedMatches}
                  elapsed           : {elapsed.TotalSeconds:F1} s (StartShadowComparison to COMPLETED, planning included)
                  pairs/s           : {pairs / elapsed.TotalSeconds:F0}
                  embedding tokens  : {status.TokensUsed}
                  peak memory (MiB) : worker {worker.PeakMemoryMiB:F0}, emulator {emulator.PeakMemoryMiB:F0}
                  history           : {history.Runs} runs, {history.Events} events, {history.Bytes / 1024.0:F0} KiB (largest run {history.LargestRunBytes / 1024.0:F0} KiB)
                  cost (USD)        : {status.CostUsd:F6}
                  cpu seconds       : worker {worker.CpuTime.TotalSeconds:F1}, emulator {emulator.CpuTime.TotalSeconds:F1}, bench (gateway + simulated provider) {(Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds:F1}
                """);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task WriteSidesAsync(string baseline, string candidate, int pairs)
    {
        string[] categories = ["billing", "shipping", "returns", "account"];
        await using var left = new StreamWriter(baseline);
        await using var right = new StreamWriter(candidate);
        for (var i = 0; i < pairs; i++)
        {
            var answer = string.Create(CultureInfo.InvariantCulture, $"Answer {i}: the parcel ships in {(i % 7) + 1} days.");
            var changed = i % 20 == 7
                ? string.Create(CultureInfo.InvariantCulture, $"Answer {i}: we could not find this parcel.")
                : i % 50 == 3 ? "  " + answer.ToUpperInvariant() : answer;
            var category = categories[i % categories.Length];
            await left.WriteLineAsync(JsonSerializer.Serialize(new { id = $"r{i}", answer, category }));
            await right.WriteLineAsync(JsonSerializer.Serialize(new { id = $"r{i}", answer = changed, category }));
        }
    }

    private static async Task StartWhenReadyAsync(ShadowComparisonService.ShadowComparisonServiceClient client, StartShadowComparisonRequest request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await client.StartShadowComparisonAsync(request);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
