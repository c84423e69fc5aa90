using Agentic.LlmGateway.Protocol;

namespace Agentic.EvalService.Workflows;

/// <summary>The run's size, and the gateway's price of each of its models that has one (by model id).</summary>
public sealed record PrepareRunResult(int CasesTotal, IReadOnlyDictionary<string, TokenPrice>? Prices = null);
