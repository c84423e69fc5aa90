using Agentic.EvalService.Datasets;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

/// <summary>Cases [<see cref="FirstCase"/>, FirstCase + <see cref="Count"/>) of a run's dataset.</summary>
public sealed record EvalChunkInput(string RunId, SuiteDefinition Definition, DatasetSource Dataset, int FirstCase, int Count);
