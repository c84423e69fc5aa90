using System.Text.Json.Serialization;

namespace Agentic.LlmGateway.Protocol;

/// <summary>
/// A model's prices in US dollars per million tokens: input, input served from the provider's cache, output. The
/// one cost formula: the gateway prices each call with it, and workers price a job's usage with the prices the
/// gateway publishes (<c>GET /v1/models/{id}</c>, "pricing").
/// </summary>
public sealed record TokenPrice(decimal InputPerMillion, decimal CachedInputPerMillion, decimal OutputPerMillion)
{
    /// <summary>The cost of a usage in US dollars; cached tokens are part of the input tokens.</summary>
    public decimal Cost(long inputTokens, long cachedInputTokens, long outputTokens)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, Math.Max(inputTokens, 0));
        return (((inputTokens - cached) * InputPerMillion) + (cached * CachedInputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m;
    }

    /// <summary>The most any one token can cost, in US dollars: what bounds the tokens a sum of money can buy.</summary>
    [JsonIgnore]
    public decimal MostPerToken => Math.Max(InputPerMillion, Math.Max(CachedInputPerMillion, OutputPerMillion)) / 1_000_000m;
}
