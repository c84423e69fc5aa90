using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// One judge on one case. Pairwise judges compare <see cref="Response"/> (answer 1) with
/// <see cref="OtherResponse"/> (answer 2), in both orders when <see cref="BothOrders"/>. Offline cases carry
/// their <see cref="CaseId"/> into the prompt (as "[case id]"), which recorded judges match on.
/// </summary>
public sealed record JudgeInput(
    JudgeSpec Judge,
    string UserRequest,
    string Response,
    string? OtherResponse,
    IReadOnlyList<string> Context,
    double PassThreshold,
    bool BothOrders,
    string? CaseId = null);
