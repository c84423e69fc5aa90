using System.ComponentModel.DataAnnotations;

namespace Agentic.BatchService.Options;

/// <summary>Settings of shadow comparisons (section "Shadow"). Request fields left at 0 take these defaults.</summary>
public sealed class ShadowOptions
{
    public const string SectionName = "Shadow";

    [Range(1, 1_000_000)]
    public int DefaultChunkSize { get; set; } = 1000;

    [Range(1, 1_000_000)]
    public int MaxChunkSize { get; set; } = 100_000;

    /// <summary>Chunks compared at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentChunks { get; set; } = 4;

    /// <summary>Chunks a comparison run starts before it continues as new (bounds its history).</summary>
    [Range(1, 100_000)]
    public int ChunksPerRun { get; set; } = 200;

    /// <summary>Row pairs per embedding call (two texts each).</summary>
    [Range(1, 1024)]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>Embedding calls in flight within one chunk.</summary>
    [Range(1, 256)]
    public int EmbeddingConcurrency { get; set; } = 4;

    /// <summary>Judge calls in flight within one chunk.</summary>
    [Range(1, 256)]
    public int JudgeConcurrency { get; set; } = 8;

    /// <summary>Eval-service's task queue, where a comparison with a jury starts eval-service's jury workflow.</summary>
    [Required]
    public string EvalTaskQueue { get; set; } = "eval-service";

    /// <summary>Changed pairs per jury workflow.</summary>
    [Range(1, 500)]
    public int JuryCasesPerCall { get; set; } = 20;

    /// <summary>Jury workflows in flight per chunk.</summary>
    [Range(1, 100)]
    public int JuryCallsInFlight { get; set; } = 4;

    /// <summary>How long a jury workflow may take before its pairs are left unjudged (e.g. no eval-service worker polls).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan JuryTimeout { get; set; } = TimeSpan.FromHours(1);

    [Range(-1.0, 1.0)]
    public double DefaultSimilarityThreshold { get; set; } = 0.9;

    [Range(0.0, 1.0)]
    public double DefaultMaxChangedShare { get; set; } = 0.1;
}
