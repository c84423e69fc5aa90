using System.Globalization;
using Agentic.Bench;
using Agentic.LocalGateway;

namespace Agentic.BatchService.Bench;

/// <summary>Issue #13: a large Parquet job (Parquet in, Parquet parts out) at zero simulated latency.</summary>
public static class ParquetScenario
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = redis.ConnectionString,
            Latency = TimeSpan.Zero,
        });
        var shape = options.ParquetShape;
        var run = await Scenarios.RunJobAsync(gateway, options.ParquetRows, shape, "parquet", parquet: true);
        var history = run.History;
        return string.Create(CultureInfo.InvariantCulture, $"""
            parquet job: {options.ParquetRows} rows (Parquet in, row groups of {shape.BatchSize}; Parquet parts out), no limit, zero simulated latency
              batches           : {run.Status.BatchesTotal} of {shape.BatchSize} rows, {shape.Window} in flight, {shape.RowConcurrency} rows each
              elapsed           : {run.Elapsed.TotalSeconds:F1} s (StartBatch to COMPLETED), state {run.Status.State}
              rows/s            : {run.RowsPerSecond:F0} overall, {run.SteadyRowsPerSecond:F0} steady
              failed rows       : {run.Status.RowsFailed}
              peak memory (MiB) : worker {run.WorkerPeakMiB:F0}, emulator {run.EmulatorPeakMiB:F0}
              cpu seconds       : worker {run.WorkerCpu.TotalSeconds:F1}, emulator {run.EmulatorCpu.TotalSeconds:F1}, bench (gateway + simulated provider + redis client) {run.BenchCpu.TotalSeconds:F1}
              history           : job {history.JobRuns} runs, {history.JobEvents} events, {history.JobBytes / 1024.0:F0} KiB (largest run {history.LargestRunBytes / 1024.0:F0} KiB); parts {history.PartEvents} events, {history.PartBytes / 1024.0:F0} KiB
            """);
    }
}
