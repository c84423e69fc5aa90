using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks;

/// <summary>
/// The result of one check. Evidence is what a person needs to see why, and is safe to store: PII appears
/// only as <see cref="PiiFinding"/> previews, never as the value found.
/// </summary>
public sealed record CheckOutcome(
    string Id,
    CheckType Type,
    bool Passed,
    double Score,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<PiiFinding> Pii)
{
    public static CheckOutcome Of(CheckSpec spec, bool passed, double score, params string[] evidence) =>
        new(spec.Id, spec.Type, passed, score, evidence, []);
}
