using System.Globalization;

namespace Agentic.BatchService.Output;

/// <summary>The layout of a job's output directory.</summary>
public static class JobPaths
{
    public const string ManifestFileName = "manifest.json";

    public static string PartsDirectory(string outputLocation) => Path.Combine(outputLocation, "parts");

    public static string PartFile(string outputLocation, int part) =>
        Path.Combine(PartsDirectory(outputLocation), string.Create(CultureInfo.InvariantCulture, $"part-{part:D6}.jsonl"));

    /// <summary>A part written as Parquet (output format PARQUET) instead of JSONL.</summary>
    public static string ParquetPartFile(string outputLocation, int part) => Path.ChangeExtension(PartFile(outputLocation, part), ".parquet");

    /// <summary>The part's finished file in whichever format it was written: Parquet when there is one, else JSONL.</summary>
    public static string FinishedPartFile(string outputLocation, int part) =>
        File.Exists(ParquetPartFile(outputLocation, part)) ? ParquetPartFile(outputLocation, part) : PartFile(outputLocation, part);

    /// <summary>Work file of one activity attempt; renamed to the part file once the part is whole.</summary>
    public static string AttemptFile(string outputLocation, int part, int attempt) =>
        PartFile(outputLocation, part) + string.Create(CultureInfo.InvariantCulture, $".attempt-{attempt}.tmp");

    public static string PlanIndex(string outputLocation) => Path.Combine(outputLocation, "_plan", "offsets.bin");

    /// <summary>Physical line (1-based) of each batch's first row, eight bytes per batch like the offsets.</summary>
    public static string PlanLines(string outputLocation) => Path.Combine(outputLocation, "_plan", "lines.bin");

    public static string Manifest(string outputLocation) => Path.Combine(outputLocation, ManifestFileName);
}
