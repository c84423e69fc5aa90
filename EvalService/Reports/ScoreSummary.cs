namespace Agentic.EvalService.Reports;

/// <summary>
/// How one check or one judge did over a run: how many cases it rated, how many passed, and its scores in ten
/// buckets of width 0.1 (the last bucket holds 1.0).
/// </summary>
public sealed record ScoreSummary(string Name, int Rated, int Passed, IReadOnlyList<int> Buckets)
{
    public const int BucketCount = 10;

    public double PassRate => Rated == 0 ? 0 : (double)Passed / Rated;

    public static ScoreSummary Of(string name, IReadOnlyList<(bool Passed, double Score)> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var buckets = new int[BucketCount];
        foreach (var (_, score) in ratings)
        {
            buckets[Math.Clamp((int)Math.Floor(score * BucketCount), 0, BucketCount - 1)]++;
        }

        return new ScoreSummary(name, ratings.Count, ratings.Count(r => r.Passed), buckets);
    }
}
