using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Judging;

/// <summary>
/// The jury's verdict on one case. Not <see cref="Decided"/> when too few judges answered (quorum) or when the
/// panel agreed too little and the case is <see cref="Escalated"/> to a person.
/// <see cref="Choice"/> is the winning pairwise choice (0 = tie) for pairwise panels.
/// </summary>
public sealed record JuryDecision(
    Aggregation Aggregation,
    bool Decided,
    bool Passed,
    double Score,
    int? Choice,
    int Answered,
    int Quorum,
    bool QuorumMet,
    double Agreement,
    bool Escalated);
