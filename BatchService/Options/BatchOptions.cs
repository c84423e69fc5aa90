using System.ComponentModel.DataAnnotations;

namespace Agentic.BatchService.Options;

/// <summary>Settings of the batch service (section "Batch"). Request fields left at 0 take these defaults.</summary>
public sealed class BatchOptions
{
    public const string SectionName = "Batch";

    /// <summary>
    /// Base64 of 32 bytes: the key that encrypts this service's Temporal payloads. A shadow comparison with a jury
    /// needs eval-service's key here (Eval:PayloadKey): the jury's answers come back encrypted with it. Empty = plain.
    /// </summary>
    public string PayloadKey { get; set; } = "";

    /// <summary>Task queue of the job and batch workflows; the worker polls it.</summary>
    [Required]
    public string TaskQueue { get; set; } = "batch-service";

    [Range(1, 1_000_000)]
    public int DefaultBatchSize { get; set; } = 100;

    [Range(1, 1_000_000)]
    public int MaxBatchSize { get; set; } = 100_000;

    [Range(1, 10_000)]
    public int DefaultMaxConcurrentBatches { get; set; } = 4;

    [Range(1, 10_000)]
    public int MaxConcurrentBatchesLimit { get; set; } = 1_000;

    [Range(1, 1_000)]
    public int DefaultRowConcurrency { get; set; } = 8;

    [Range(1, 10_000)]
    public int MaxRowConcurrency { get; set; } = 256;

    [Range(0, 100)]
    public int DefaultRowRetryLimit { get; set; } = 3;

    /// <summary>Answers a structured row may get (the first plus corrections) when the request leaves output_attempts unset.</summary>
    [Range(1, 10)]
    public int DefaultOutputAttempts { get; set; } = 3;

    /// <summary>Batches a job run starts before it continues as new (bounds its history).</summary>
    [Range(1, 100_000)]
    public int BatchesPerRun { get; set; } = 200;

    /// <summary>A batch attempt that stops heartbeating for this long is retried from its checkpoint.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PartHeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest time a batch's checkpoint waits before the SDK sends it to Temporal. Without it the SDK waits
    /// 0.8 x <see cref="PartHeartbeatTimeout"/>: a crash would redo up to that much work, and a heartbeat a
    /// little late on a busy machine would time the attempt out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan HeartbeatThrottleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a batch saves its checkpoint (flushed output plus heartbeat).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First back-off after a retryable model error; doubles per attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RowRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Wait after a 429 that came without a Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RateLimitFallbackDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Directories that inputs and outputs must lie under. Empty allows any path the worker can reach
    /// (development); set it wherever callers are not trusted with the worker's file system.
    /// </summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>A job stops as FAILED once this many rows are recorded and all failed (0: never).</summary>
    [Range(0, 100_000_000)]
    public int FailFastAllFailedRows { get; set; } = 100;

    /// <summary>A job stops as FAILED once more than this share of its rows failed (0: never)...</summary>
    [Range(0.0, 1.0)]
    public double FailFastMaxFailedShare { get; set; } = 0.5;

    /// <summary>...counted only after this many rows are recorded.</summary>
    [Range(1, 100_000_000)]
    public int FailFastMinRows { get; set; } = 1000;

    /// <summary>
    /// PostgreSQL result sinks a request may name in result_sink, by name: the connection string's name (under
    /// ConnectionStrings, where the secret stays) and the table. Empty: no request may ask for a sink.
    /// </summary>
    public Dictionary<string, ResultSinkOptions> ResultSinks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often WatchBatch polls the job's progress.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
