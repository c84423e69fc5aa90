namespace Agentic.LlmGateway.Configuration;

/// <summary>What a model costs, in US dollars per million tokens (the providers' list prices; set per model).</summary>
public sealed class ModelPriceOptions
{
    public decimal InputPerMillion { get; set; }

    /// <summary>Prompt tokens the provider served from its cache; the input price when absent.</summary>
    public decimal? CachedInputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }

    /// <summary>The cost of one call's usage in US dollars.</summary>
    public decimal Cost(long inputTokens, long cachedInputTokens, long outputTokens)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        return (((inputTokens - cached) * InputPerMillion) + (cached * (CachedInputPerMillion ?? InputPerMillion)) + (outputTokens * OutputPerMillion)) / 1_000_000m;
    }
}
