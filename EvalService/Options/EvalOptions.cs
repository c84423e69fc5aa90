using System.ComponentModel.DataAnnotations;

namespace Agentic.EvalService.Options;

/// <summary>Settings of the eval service (section "Eval").</summary>
public sealed class EvalOptions
{
    public const string SectionName = "Eval";

    [Required]
    public string TaskQueue { get; set; } = "eval-service";

    /// <summary>Shared secret of the signed webhooks (at least 16 characters); without one, callback URLs are refused. Never logged.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>
    /// Base64 of 32 random bytes: the key that encrypts this service's Temporal payloads (histories hold the answers
    /// under evaluation). Empty = payloads unencrypted (development without a key only). Never logged.
    /// </summary>
    public string PayloadKey { get; set; } = "";

    /// <summary>How often WatchTurn and WatchEvalRun look for changes.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cases per chunk of an offline run (one child workflow and one database write each).</summary>
    [Range(1, 1000)]
    public int RunChunkSize { get; set; } = 50;

    /// <summary>Chunks of one offline run evaluated at the same time.</summary>
    [Range(1, 64)]
    public int RunParallelChunks { get; set; } = 4;

    /// <summary>
    /// How long before the end of a live turn's budget (counted from the request's receipt) eval-service stops waiting
    /// for the jury and answers by the late policy: the time the reply needs to be written and to reach the caller.
    /// Never more than a quarter of the budget.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan LateAnswerMargin { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// How long live turns keep using the latest version of a suite they looked up before asking the database again
    /// (a version registered through this process is used at once; through another replica, within this time).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan LatestSuiteCacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Budget ceiling for a live turn.</summary>
    public TimeSpan MaxBudget { get; set; } = TimeSpan.FromSeconds(60);

    public override string ToString() => $"Eval {{ TaskQueue = {TaskQueue}, WatchInterval = {WatchInterval} }}";
}
