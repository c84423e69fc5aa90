using Agentic.LlmGateway.Protocol;

namespace Agentic.EvalService.Runs;

/// <summary>
/// What a case's gateway calls cost at the prices the gateway published when the run started (the one formula,
/// <see cref="TokenPrice"/>; prompt tokens at the input price). A model without a price costs nothing here.
/// </summary>
public static class RunCost
{
    public static decimal Of(IReadOnlyDictionary<string, TokenPrice>? prices, string? model, long tokensIn, long tokensOut) =>
        model is not null && prices is not null && prices.TryGetValue(model, out var price) ? price.Cost(tokensIn, 0, tokensOut) : 0m;
}
