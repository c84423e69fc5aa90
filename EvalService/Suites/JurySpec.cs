namespace Agentic.EvalService.Suites;

/// <summary>A panel of judges, how their answers combine, and when the panel may not decide alone.</summary>
public sealed record JurySpec
{
    public IReadOnlyList<JudgeSpec> Judges { get; init; } = [];

    public Aggregation Aggregation { get; init; } = Aggregation.Majority;

    /// <summary>How many judges must answer for the jury to decide; 0 = all of them.</summary>
    public int Quorum { get; init; }

    /// <summary>A score at or above this passes.</summary>
    public double PassThreshold { get; init; } = 0.5;

    /// <summary>Below this share of judges agreeing with the winning vote, the case goes to a person (null = never).</summary>
    public double? EscalateBelowAgreement { get; init; }

    /// <summary>Pairwise judges see the two answers in both orders; a judge that flips counts as a tie.</summary>
    public bool BothOrders { get; init; }
}
