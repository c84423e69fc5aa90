using Agentic.EvalService.Judging;

namespace Agentic.EvalService.Tests.Judging;

public sealed class AgreementTests
{
    [Fact]
    public void CohenKappa_TextbookTable_MatchesHandComputation()
    {
        // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15. po = 0.7, pe = 0.5*0.6 + 0.5*0.4 = 0.5.
        var a = new List<int?>();
        var b = new List<int?>();
        void Add(int count, int x, int y)
        {
            for (var i = 0; i < count; i++)
            {
                a.Add(x);
                b.Add(y);
            }
        }

        Add(20, 1, 1);
        Add(5, 1, 2);
        Add(10, 2, 1);
        Add(15, 2, 2);

        Assert.Equal(0.4, Agreement.CohenKappa(a, b), 6);
    }

    [Fact]
    public void CohenKappa_SilentVotes_AreLeftOut()
    {
        Assert.Equal(1, Agreement.CohenKappa([1, 2, null, 1], [1, 2, 1, null]), 6);
    }

    [Fact]
    public void FleissKappa_WikipediaExample_MatchesPublishedValue()
    {
        // The worked example of Fleiss (1971) as usually reproduced: 10 subjects, 14 raters, 5 categories, kappa 0.210.
        int[][] counts =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];
        var votes = counts.Select(row => (IReadOnlyList<int?>)row.SelectMany((n, category) => Enumerable.Repeat<int?>(category, n)).ToList()).ToList();

        Assert.Equal(0.210, Agreement.FleissKappa(votes), 3);
    }

    [Fact]
    public void FleissKappa_PerfectAgreement_IsOne()
    {
        Assert.Equal(1, Agreement.FleissKappa([[1, 1, 1], [2, 2, 2]]), 6);
    }

    [Theory]
    [InlineData(50, 100, 0)]
    [InlineData(99, 99, 4.605)]
    [InlineData(10, 100, -2.113)]
    public void Weight_Accuracy_IsSmoothedLogOdds(int correct, int total, double expected)
    {
        Assert.Equal(expected, LogOddsWeights.Weight(correct, total), 3);
    }
}
