using Agentic.EvalService.Datasets;

namespace Agentic.EvalService.Workflows;

public sealed record ReadCasesInput(DatasetSource Dataset, int FirstCase, int Count);
