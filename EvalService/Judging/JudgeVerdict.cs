namespace Agentic.EvalService.Judging;

/// <summary>
/// What one judge said about one case. <see cref="Choice"/> is set by pairwise judges only (1 or 2; 0 = tie,
/// also when the judge flipped between the two orders). A judge that failed or timed out has Answered false.
/// </summary>
public sealed record JudgeVerdict(
    string Judge,
    string Model,
    bool Answered,
    double Score,
    bool Passed,
    int? Choice = null,
    string Reason = "",
    string Error = "",
    long TokensIn = 0,
    long TokensOut = 0)
{
    public static JudgeVerdict Failed(string judge, string model, string error) => new(judge, model, false, 0, false, null, "", error);

    /// <summary>The vote as a category: pairwise 1, 2 or 0 (tie); otherwise 1 pass, 2 fail; null when silent.</summary>
    public int? Vote => !Answered ? null : Choice ?? (Passed ? 1 : 2);
}
