namespace Agentic.BatchService.Workflows;

/// <summary>One case for eval-service's jury: the instruction and the two answers it compares (outputs 1 and 2).</summary>
public record EvalJuryCase(string CaseId, string UserRequest, string Response, string? OtherResponse, IReadOnlyList<string>? Context = null);
