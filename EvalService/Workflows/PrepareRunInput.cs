using Agentic.EvalService.Datasets;
using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Workflows;

/// <summary>Records the run (if a schedule started it, nothing has yet) and counts its cases.</summary>
public sealed record PrepareRunInput(NewRun Run, DatasetSource Dataset);
