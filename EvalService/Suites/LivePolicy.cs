namespace Agentic.EvalService.Suites;

/// <summary>How live turns are decided: the default budget and what to answer when the jury is late.</summary>
public sealed record LivePolicy
{
    public TimeSpan Budget { get; init; } = TimeSpan.FromMilliseconds(800);

    public LateAction WhenLate { get; init; } = LateAction.ShowProvisional;
}
