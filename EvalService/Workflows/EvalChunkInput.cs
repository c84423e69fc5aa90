using Agentic.EvalService.Datasets;
using Agentic.EvalService.Suites;
using Agentic.LlmGateway.Protocol;

namespace Agentic.EvalService.Workflows;

/// <summary>Cases [<see cref="FirstCase"/>, FirstCase + <see cref="Count"/>) of a run's dataset; their cost at <see cref="Prices"/>.</summary>
public sealed record EvalChunkInput(
    string RunId,
    SuiteDefinition Definition,
    DatasetSource Dataset,
    int FirstCase,
    int Count,
    IReadOnlyDictionary<string, TokenPrice>? Prices = null);
