using System.Collections.Concurrent;
using Agentic.LlmGateway.Protocol;
using Agentic.WorkerDefaults.Llm;

namespace Agentic.BatchService.Activities;

/// <summary>
/// The gateway's token prices (<c>GET /v1/models/{id}</c>), looked up once per model by this worker, for the cost of
/// a comparison's calls. A model the gateway has no price for costs nothing; a lookup that fails is asked again next time.
/// </summary>
public sealed class ShadowPrices(LlmGatewayModels models)
{
    private readonly ConcurrentDictionary<string, TokenPrice?> _prices = new(StringComparer.Ordinal);

    public async Task<TokenPrice?> FindAsync(string model, CancellationToken cancellationToken)
    {
        if (_prices.TryGetValue(model, out var known))
        {
            return known;
        }

        var price = (await models.FindAsync(model, cancellationToken))?.Price;
        _prices[model] = price;
        return price;
    }

    public async Task<decimal> CostAsync(string model, long inputTokens, long cachedInputTokens, long outputTokens, CancellationToken cancellationToken) =>
        (await FindAsync(model, cancellationToken))?.Cost(inputTokens, cachedInputTokens, outputTokens) ?? 0;
}
