namespace Agentic.EvalService.Suites;

/// <summary>A parsed, validated suite: checks first, then the jury; immutable once registered as a version.</summary>
public sealed record SuiteDefinition
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<CheckSpec> Checks { get; init; } = [];

    public JurySpec Jury { get; init; } = new();

    public LivePolicy Live { get; init; } = new();
}
