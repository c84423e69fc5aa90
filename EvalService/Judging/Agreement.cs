namespace Agentic.EvalService.Judging;

/// <summary>
/// Inter-judge agreement on categorical votes (null = the judge did not answer). Kappas correct raw agreement
/// for the agreement chance alone would give; 1 is perfect, 0 is chance, below 0 is systematic disagreement.
/// </summary>
public static class Agreement
{
    /// <summary>Share of the seated judges that cast the most common vote; a silent judge never agrees.</summary>
    public static double ModalShare(IReadOnlyList<int?> votes, int seated)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var counted = votes.Where(v => v is not null).GroupBy(v => v!.Value).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        return seated == 0 ? 0 : (double)counted / seated;
    }

    /// <summary>Cohen's kappa of two judges over the cases both answered; NaN when they share none.</summary>
    public static double CohenKappa(IReadOnlyList<int?> a, IReadOnlyList<int?> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException("both judges must rate the same cases", nameof(b));
        }

        var pairs = a.Zip(b).Where(p => p.First is not null && p.Second is not null).Select(p => (A: p.First!.Value, B: p.Second!.Value)).ToList();
        if (pairs.Count == 0)
        {
            return double.NaN;
        }

        double n = pairs.Count;
        var observed = pairs.Count(p => p.A == p.B) / n;
        var categories = pairs.Select(p => p.A).Concat(pairs.Select(p => p.B)).Distinct();
        var expected = categories.Sum(c => pairs.Count(p => p.A == c) / n * (pairs.Count(p => p.B == c) / n));
        return expected >= 1 ? (observed >= 1 ? 1 : 0) : (observed - expected) / (1 - expected);
    }

    /// <summary>Fleiss' kappa of a panel over the cases every judge answered; NaN when there are none.</summary>
    /// <param name="votes">votes[case][judge].</param>
    public static double FleissKappa(IReadOnlyList<IReadOnlyList<int?>> votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        var complete = votes.Where(row => row.Count >= 2 && row.All(v => v is not null)).Select(row => row.Select(v => v!.Value).ToArray()).ToList();
        if (complete.Count == 0)
        {
            return double.NaN;
        }

        var raters = complete[0].Length;
        if (complete.Any(row => row.Length != raters))
        {
            throw new ArgumentException("every case needs the same number of judges", nameof(votes));
        }

        var categories = complete.SelectMany(row => row).Distinct().ToArray();
        double cases = complete.Count;
        var perCase = complete.Select(row =>
        {
            var sumSquares = categories.Sum(c => Math.Pow(row.Count(v => v == c), 2));
            return (sumSquares - raters) / (raters * (raters - 1.0));
        }).Average();
        var chance = categories.Sum(c => Math.Pow(complete.Sum(row => row.Count(v => v == c)) / (cases * raters), 2));
        return chance >= 1 ? (perCase >= 1 ? 1 : 0) : (perCase - chance) / (1 - chance);
    }
}
