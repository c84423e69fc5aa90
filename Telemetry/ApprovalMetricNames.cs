namespace Agentic.Telemetry;

/// <summary>
/// The approval service's pattern metrics (meter <see cref="MeterNames.ApprovalService"/>): how many proposals wait for
/// people and for how long (tag owner_group), and how long people take to decide (tag decision).
/// </summary>
public static class ApprovalMetricNames
{
    /// <summary>Open proposals (waiting for a decision), per owner group.</summary>
    public const string ProposalsOpen = "approval_service.proposals.open";

    /// <summary>Seconds the oldest open proposal of each owner group has waited.</summary>
    public const string OldestOpenAge = "approval_service.proposals.oldest_age";

    /// <summary>Seconds from a proposal's opening to each decision on it (histogram; tag decision: approve, edit, reject).</summary>
    public const string TimeToDecision = "approval_service.decision.duration";

    /// <summary>Decisions taken, by decision.</summary>
    public const string Decisions = "approval_service.decisions";

    /// <summary>Every name above; a test checks the approval service publishes each.</summary>
    public static readonly IReadOnlyList<string> All = [ProposalsOpen, OldestOpenAge, TimeToDecision, Decisions];
}
