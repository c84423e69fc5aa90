using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.Bench;
using Agentic.LocalGateway;
using Agentic.LocalServers;
using Grpc.Core;
using Grpc.Net.Client;

namespace Agentic.BatchService.Bench;

/// <summary>The two measurements of issue #5, each on fresh processes so peak memory is per scenario.</summary>
public static class Scenarios
{
    private const string Model = "sim-chat";

    /// <param name="options">Job size, limit and batch shape.</param>
    /// <param name="queueWait">
    /// Zero: over the limit the gateway answers 429 at once and the activity waits the Retry-After. Otherwise the
    /// gateway holds the request in its fair queue up to this long before answering 429.
    /// </param>
    public static async Task<string> RateLimitUtilisationAsync(BenchOptions options, TimeSpan queueWait)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = redis.ConnectionString,
            Latency = TimeSpan.FromMilliseconds(20),
            RequestsPerMinute = options.RequestsPerMinute,
            Settings = new Dictionary<string, string?>
            {
                // One second of burst, so the limit sets the pace within seconds, not after a minute's worth of rows.
                ["RateLimiting:BurstSeconds"] = "1",
                ["RateLimiting:MaxQueueWait"] = queueWait.ToString("c", CultureInfo.InvariantCulture),
            },
        });
        var shape = options.UtilisationShape;
        var run = await RunJobAsync(gateway, options.UtilisationRows, shape, "utilisation");
        var limit = options.RequestsPerMinute / 60.0;
        return string.Create(CultureInfo.InvariantCulture, $"""
            rate-limit utilisation: {options.UtilisationRows} rows, 20 ms simulated latency, limit {options.RequestsPerMinute} req/min ({limit:F1} req/s), one second of burst, {(queueWait == TimeSpan.Zero ? "429 at once" : $"gateway queue up to {queueWait.TotalSeconds:F0} s")}
              worker capacity   : {shape.Window} batches x {shape.RowConcurrency} rows in flight = {shape.Window * shape.RowConcurrency / 0.020:F0} rows/s at 20 ms ({shape.BatchSize} rows per batch)
              elapsed           : {run.Elapsed.TotalSeconds:F1} s (StartBatch to COMPLETED)
              rows/s            : {run.RowsPerSecond:F1} overall, {run.SteadyRowsPerSecond:F1} steady (between the first and last progress change)
              utilisation       : {run.RowsPerSecond / limit:F3} overall, {run.SteadyRowsPerSecond / limit:F3} steady
              failed rows       : {run.Status.RowsFailed}
              model calls       : {run.Calls} ({run.Calls - options.UtilisationRows} answered 429 and retried)
              peak memory (MiB) : worker {run.WorkerPeakMiB:F0}, emulator {run.EmulatorPeakMiB:F0}
            """);
    }

    public static async Task<string> OrchestrationOverheadAsync(BenchOptions options)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = redis.ConnectionString,
            Latency = TimeSpan.Zero,
        });
        var shape = options.OverheadShape;
        var run = await RunJobAsync(gateway, options.OverheadRows, shape, "overhead");
        return string.Create(CultureInfo.InvariantCulture, $"""
            orchestration overhead: {options.OverheadRows} rows, no limit, zero simulated latency
              batches           : {run.Status.BatchesTotal} of {shape.BatchSize} rows, {shape.Window} in flight, {shape.RowConcurrency} rows each
              elapsed           : {run.Elapsed.TotalSeconds:F1} s (StartBatch to COMPLETED)
              rows/s            : {run.RowsPerSecond:F0} overall, {run.SteadyRowsPerSecond:F0} steady
              failed rows       : {run.Status.RowsFailed}
              peak memory (MiB) : worker {run.WorkerPeakMiB:F0}, emulator {run.EmulatorPeakMiB:F0}
              cpu seconds       : worker {run.WorkerCpu.TotalSeconds:F1}, emulator {run.EmulatorCpu.TotalSeconds:F1}, bench (gateway + simulated provider + redis client) {run.BenchCpu.TotalSeconds:F1}
            """);
    }

    /// <param name="gateway">The gateway the worker calls.</param>
    /// <param name="rows">Rows in the measured job.</param>
    /// <param name="shape">How the job is cut and run.</param>
    /// <param name="name">Job name prefix and work folder.</param>
    /// <param name="parquet">Parquet in and out (input written with Parquet.Net in row groups of the batch size) instead of JSONL.</param>
    internal static async Task<JobRun> RunJobAsync(LlmGatewayServer gateway, int rows, BatchShape shape, string name, bool parquet = false)
    {
        var work = Path.Combine(Path.GetTempPath(), "batch-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            var input = Path.Combine(work, "rows.jsonl");
            await using (var writer = new StreamWriter(input))
            {
                for (var i = 0; i < (parquet ? Math.Min(rows, shape.BatchSize * shape.Window) : rows); i++)
                {
                    await writer.WriteLineAsync(JsonSerializer.Serialize(new { id = $"r{i}", text = $"row number {i} of the benchmark" }));
                }
            }

            var parquetInput = Path.Combine(work, "rows.parquet");
            if (parquet)
            {
                await ParquetInput.WriteAsync(parquetInput, rows, shape.BatchSize);
            }

            var here = AppContext.BaseDirectory;
            var temporalPort = FreePort.Next();
            await using var emulator = ChildProcess.Start(
                Path.Combine(here, "TemporalEmulator.dll"),
                $"--port {temporalPort}",
                new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });
            await FreePort.WaitUntilListeningAsync(temporalPort, TimeSpan.FromSeconds(60));

            var grpcPort = FreePort.Next();
            await using var worker = ChildProcess.Start(
                Path.Combine(here, "BatchService.dll"),
                string.Empty,
                new Dictionary<string, string>
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
            var client = new Batch.V1.BatchService.BatchServiceClient(channel);

            // Warm up first (worker registration, JIT, connections) with a small job of the same shape, so
            // the measured job shows the steady state rather than process start-up.
            var warmInput = Path.Combine(work, "warmup.jsonl");
            await File.WriteAllLinesAsync(warmInput, File.ReadLines(input).Take(Math.Min(rows, shape.BatchSize * shape.Window)));
            var warmUp = Request(name + "-warmup", warmInput, shape, Path.Combine(work, "warmup"));
            await StartWhenReadyAsync(client, warmUp);
            await WaitForEndAsync(client, warmUp.JobId, [], Stopwatch.StartNew(), 0);
            var request = Request(name, parquet ? parquetInput : input, shape, Path.Combine(work, "out"));
            if (parquet)
            {
                request.Input.Format = InputFormat.Parquet;
                request.OutputFormat = OutputFormat.Parquet;
            }

            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await StartWhenReadyAsync(client, request);
            var samples = new List<(TimeSpan At, long Done)>();
            var status = await WaitForEndAsync(client, request.JobId, samples, clock, rows);
            var elapsed = clock.Elapsed;
            var history = await HistorySize.MeasureAsync($"127.0.0.1:{temporalPort}", request.JobId, status.BatchesTotal);
            var calls = Directory.GetFiles(Path.Combine(work, "out", "parts"), "part-*.jsonl")
                .SelectMany(File.ReadLines)
                .Sum(line =>
                {
                    using var record = JsonDocument.Parse(line);
                    return record.RootElement.GetProperty("attempts").GetInt64();
                });
            // Steady state: from the first to the last progress change strictly inside the run, so
            // process warm-up and the last batches draining do not count.
            var moving = samples.Where(s => s.Done > 0 && s.Done < rows).ToList();
            var steady = moving.Count >= 2 && moving[^1].Done > moving[0].Done
                ? (moving[^1].Done - moving[0].Done) / (moving[^1].At - moving[0].At).TotalSeconds
                : double.NaN;
            return new JobRun(
                status,
                elapsed,
                rows / elapsed.TotalSeconds,
                steady,
                calls,
                worker.PeakMemoryMiB,
                emulator.PeakMemoryMiB,
                worker.CpuTime,
                emulator.CpuTime,
                Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore,
                history);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static StartBatchRequest Request(string name, string input, BatchShape shape, string output) => new()
    {
        JobId = name + "-" + Guid.NewGuid().ToString("N")[..8],
        Input = new BatchInput { Location = input, Format = InputFormat.Jsonl, RowIdColumn = "id" },
        Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise in five words: {{text}}", MaxTokens = 16 },
        Model = Model,
        BatchSize = shape.BatchSize,
        MaxConcurrentBatches = shape.Window,
        RowConcurrency = shape.RowConcurrency,
        RowRetryLimit = 5,
        OutputLocation = output,
    };

    private static async Task<BatchStatus> WaitForEndAsync(
        Batch.V1.BatchService.BatchServiceClient client, string jobId, List<(TimeSpan At, long Done)> samples, Stopwatch clock, int rows)
    {
        while (true)
        {
            var status = await client.GetBatchAsync(new GetBatchRequest { JobId = jobId });
            samples.Add((clock.Elapsed, status.RowsSucceeded + status.RowsFailed));
            if (status.State is BatchState.Completed or BatchState.Failed or BatchState.Cancelled or BatchState.BudgetExhausted)
            {
                return status;
            }

            await Task.Delay(rows < 1000 ? 50 : 200);
        }
    }

    private static async Task StartWhenReadyAsync(Batch.V1.BatchService.BatchServiceClient client, StartBatchRequest request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await client.StartBatchAsync(request);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    internal sealed record JobRun(
        BatchStatus Status,
        TimeSpan Elapsed,
        double RowsPerSecond,
        double SteadyRowsPerSecond,
        long Calls,
        double WorkerPeakMiB,
        double EmulatorPeakMiB,
        TimeSpan WorkerCpu,
        TimeSpan EmulatorCpu,
        TimeSpan BenchCpu,
        HistorySize History);
}
