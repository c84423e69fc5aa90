using System.Globalization;

namespace Agentic.BatchService.Output;

/// <summary>The layout of a shadow comparison's output directory.</summary>
public static class ShadowPaths
{
    public static string ChunksDirectory(string outputLocation) => Path.Combine(outputLocation, "_chunks");

    /// <summary>The joined pairs of one chunk, written by planning and read by the chunk's comparison.</summary>
    public static string ChunkFile(string outputLocation, int chunk) =>
        Path.Combine(ChunksDirectory(outputLocation), string.Create(CultureInfo.InvariantCulture, $"chunk-{chunk:D6}.jsonl"));

    public static string RowsDirectory(string outputLocation) => Path.Combine(outputLocation, "rows");

    /// <summary>One result record per pair of the chunk.</summary>
    public static string RowsFile(string outputLocation, int chunk) =>
        Path.Combine(RowsDirectory(outputLocation), string.Create(CultureInfo.InvariantCulture, $"rows-{chunk:D6}.jsonl"));

    public static string OnlyInBaseline(string outputLocation) => Path.Combine(outputLocation, "only-in-baseline.jsonl");

    public static string OnlyInCandidate(string outputLocation) => Path.Combine(outputLocation, "only-in-candidate.jsonl");

    public static string Manifest(string outputLocation) => Path.Combine(outputLocation, JobPaths.ManifestFileName);

    public static string Report(string outputLocation) => Path.Combine(outputLocation, "report.html");
}
