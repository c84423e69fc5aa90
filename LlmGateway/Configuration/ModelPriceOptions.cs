using Agentic.LlmGateway.Protocol;

namespace Agentic.LlmGateway.Configuration;

/// <summary>What a model costs, in US dollars per million tokens (the providers' list prices; set per model).</summary>
public sealed class ModelPriceOptions
{
    public decimal InputPerMillion { get; set; }

    /// <summary>Prompt tokens the provider served from its cache; the input price when absent.</summary>
    public decimal? CachedInputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }

    /// <summary>The prices in the form workers receive them (cached input defaulted).</summary>
    public TokenPrice ToTokenPrice() => new(InputPerMillion, CachedInputPerMillion ?? InputPerMillion, OutputPerMillion);

    /// <summary>The cost of one call's usage in US dollars (the shared formula of <see cref="TokenPrice"/>).</summary>
    public decimal Cost(long inputTokens, long cachedInputTokens, long outputTokens) =>
        ToTokenPrice().Cost(inputTokens, cachedInputTokens, outputTokens);
}
