using Agentic.EvalService.Datasets;
using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// Records the run (if a schedule started it, nothing has yet), counts its cases and asks the gateway the price of
/// each of its <see cref="Models"/> (judges and model under test), which the run's cost is counted in.
/// </summary>
public sealed record PrepareRunInput(NewRun Run, DatasetSource Dataset, IReadOnlyList<string>? Models = null);
