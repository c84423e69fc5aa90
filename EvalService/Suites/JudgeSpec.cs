namespace Agentic.EvalService.Suites;

/// <summary>A judge: a model routed by the gateway, a rubric, an output kind and its own timeout and retries.</summary>
public sealed record JudgeSpec
{
    public required string Name { get; init; }

    public required string Model { get; init; }

    public required string Rubric { get; init; }

    public JudgeOutput Output { get; init; } = JudgeOutput.Score;

    /// <summary>Sits on the live jury too (mini models live, bigger ones offline).</summary>
    public bool Live { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; init; } = 2;

    /// <summary>Weight for weighted aggregation; calibrated weights replace it when the suite carries them.</summary>
    public double Weight { get; init; } = 1.0;
}
