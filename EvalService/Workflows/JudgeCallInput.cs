using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// One call of a judge model: the rubric, the case, and for pairwise the two answers in this order.
/// <see cref="CaseTag"/> (offline runs) opens the prompt, e.g. "[case Neighbor-1]" or "[case Neighbor-1 swapped]".
/// </summary>
public sealed record JudgeCallInput(
    JudgeSpec Judge,
    string UserRequest,
    string First,
    string? Second,
    IReadOnlyList<string> Context,
    string? CaseTag = null);
