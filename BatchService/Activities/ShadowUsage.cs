namespace Agentic.BatchService.Activities;

/// <summary>A chunk's tokens by model, priced once the chunk is compared.</summary>
internal sealed class ShadowUsage
{
    private readonly Dictionary<string, ShadowTokens> _byModel = new(StringComparer.Ordinal);

    public long Tokens => _byModel.Values.Sum(t => t.Total);

    public void Add(string model, ShadowTokens tokens) =>
        _byModel[model] = _byModel.TryGetValue(model, out var known) ? known + tokens : tokens;

    public async Task<decimal> CostAsync(ShadowPrices prices, CancellationToken cancellationToken)
    {
        var cost = 0m;
        foreach (var (model, tokens) in _byModel)
        {
            if (tokens.Total > 0)
            {
                cost += await prices.CostAsync(model, tokens.Input, tokens.CachedInput, tokens.Output, cancellationToken);
            }
        }

        return cost;
    }
}
