namespace Agentic.LlmGateway.RateLimiting;

/// <summary>A model's quota (shared by every caller) and how the limiter treats it.</summary>
public sealed class ModelRateLimitOptions : RateLimitSettings
{
    /// <summary>Overrides <see cref="RateLimitingOptions.FailurePolicy"/> for this model.</summary>
    public RateLimitFailurePolicy? FailurePolicy { get; set; }

    /// <summary>Overrides <see cref="RateLimitingOptions.InteractiveReservedShare"/> for this model.</summary>
    public double? InteractiveReservedShare { get; set; }

    /// <summary>Tokenizer for estimates: "o200k_base", "cl100k_base" or "chars" (4 characters a token); default by model family.</summary>
    public string? Tokenizer { get; set; }
}
