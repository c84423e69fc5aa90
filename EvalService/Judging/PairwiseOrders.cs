namespace Agentic.EvalService.Judging;

/// <summary>Position-bias control: a pairwise judge asked in both orders keeps its choice only if it holds.</summary>
public static class PairwiseOrders
{
    /// <param name="original">Choice with the answers in the original order (1 or 2).</param>
    /// <param name="swapped">Choice with the answers swapped, already mapped back to the original numbering.</param>
    /// <returns>The choice, 0 (tie) when the judge flipped, null when either order went unanswered.</returns>
    public static int? Combine(int? original, int? swapped) => (original, swapped) switch
    {
        (null, _) or (_, null) => null,
        var (a, b) when a == b => a,
        _ => 0,
    };

    /// <summary>A choice made with the answers swapped, in the original numbering.</summary>
    public static int Unswap(int choice) => choice switch
    {
        1 => 2,
        2 => 1,
        _ => choice,
    };
}
