namespace Agentic.EvalService.Suites;

/// <summary>What a judge answers (the JSON schema it is asked to fill).</summary>
public enum JudgeOutput
{
    /// <summary>A score in [0, 1]; passed when at or above the jury's threshold.</summary>
    Score,

    /// <summary>Pass or fail.</summary>
    PassFail,

    /// <summary>Which of two answers is better (1 or 2).</summary>
    Pairwise,
}
