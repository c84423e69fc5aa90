namespace Agentic.BatchService.Workflows;

/// <summary>
/// The jury's decision on a case (the fields of eval-service's JuryDecision a comparison reads): not
/// <see cref="Decided"/> when too few judges answered or the judges agreed too little (<see cref="Escalated"/>).
/// </summary>
public record EvalJuryDecision(bool Decided, bool Passed, double Score, int Answered, int Quorum, bool QuorumMet, double Agreement, bool Escalated);
