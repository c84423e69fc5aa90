using System.Globalization;

namespace Agentic.BatchService.Bench;

/// <summary>
/// Command line: --scenario all|utilisation|overhead|parquet|shadow, --rows N and --rpm R (utilisation), --overhead-rows N,
/// --parquet-rows N;
/// batch shape per scenario: --batch-size, --window, --row-concurrency (utilisation) and the same with an
/// "overhead-" or "parquet-" prefix; --scenario shadow compares --shadow-pairs N row pairs.
/// </summary>
public sealed record BenchOptions(
    string Scenario,
    int UtilisationRows,
    int RequestsPerMinute,
    BatchShape UtilisationShape,
    int OverheadRows,
    BatchShape OverheadShape,
    int ParquetRows,
    BatchShape ParquetShape,
    int ShadowPairs = 100_000)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new BenchOptions(
            values.GetValueOrDefault("scenario", "all"),
            Int("rows", 10_000),
            Int("rpm", 18_000),
            // 4 x 4 rows in flight at 20 ms: 800 rows/s of capacity against the 300/s limit.
            new BatchShape(Int("batch-size", 100), Int("window", 4), Int("row-concurrency", 4)),
            Int("overhead-rows", 100_000),
            new BatchShape(Int("overhead-batch-size", 1_000), Int("overhead-window", 8), Int("overhead-row-concurrency", 32)),
            Int("parquet-rows", 1_000_000),
            new BatchShape(Int("parquet-batch-size", 10_000), Int("parquet-window", 8), Int("parquet-row-concurrency", 32)),
            Int("shadow-pairs", 100_000));
    }
}

/// <summary>How a job is cut and run: rows per batch, batches in flight, rows in flight per batch.</summary>
public sealed record BatchShape(int BatchSize, int Window, int RowConcurrency);
