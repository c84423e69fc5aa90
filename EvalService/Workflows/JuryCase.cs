namespace Agentic.EvalService.Workflows;

/// <summary>
/// One case for a jury: the instruction and the answer (pairwise and comparing rubrics: two answers, shown as
/// outputs 1 and 2). <see cref="CaseId"/> opens the judges' prompt as "[case id]".
/// </summary>
public sealed record JuryCase(string CaseId, string UserRequest, string Response, string? OtherResponse = null, IReadOnlyList<string>? Context = null);
