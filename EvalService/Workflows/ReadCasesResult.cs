using Agentic.EvalService.Datasets;

namespace Agentic.EvalService.Workflows;

public sealed record ReadCasesResult(IReadOnlyList<EvalCase> Cases);
