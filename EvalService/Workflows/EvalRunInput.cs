using Agentic.EvalService.Datasets;
using Agentic.EvalService.Suites;
using Agentic.LlmGateway.Protocol;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// An offline run: a suite version over a dataset. <see cref="RunId"/> empty = the workflow id names the run
/// (scheduled runs). <see cref="NextCase"/> and <see cref="CasesTotal"/> carry progress across continue-as-new, and
/// <see cref="Prices"/> the gateway's prices read when the run started.
/// </summary>
public sealed record EvalRunInput(
    string RunId,
    string Suite,
    int SuiteVersion,
    SuiteDefinition Definition,
    DatasetSource Dataset,
    string RequestHash,
    string? ScheduleId = null,
    int ChunkSize = 50,
    int ParallelChunks = 4,
    int NextCase = 0,
    int CasesTotal = -1,
    IReadOnlyDictionary<string, TokenPrice>? Prices = null);
