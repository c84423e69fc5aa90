using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Tests.Workflows;

public sealed class ShadowTallyTests
{
    [Fact]
    public void Add_TwoChunks_SumsCountersHistogramAndCategories()
    {
        var first = Chunk(compared: 10, changed: 2, bin: 3, ("a", 6, 2), ("b", 4, 0));
        var second = Chunk(compared: 5, changed: 1, bin: 3, ("b", 5, 1));

        var total = first.Add(second);

        Assert.Equal(15, total.Compared);
        Assert.Equal(3, total.Changed);
        Assert.Equal(3, total.Histogram[3]);
        Assert.Equal(3, total.Histogram.Sum());
        Assert.Equal([("a", 6L, 2L), ("b", 9L, 1L)], total.Categories.Select(c => (c.Category, c.Rows, c.Changed)));
    }

    [Fact]
    public void Add_MoreCategoriesThanTheCap_SumsTheRestUnderOther()
    {
        var many = Enumerable.Range(0, ShadowTally.MaxCategories + 50).Select(i => new ShadowCategoryTally($"c{i:D4}", 1, 1, 0, 0)).ToList();

        var total = ShadowTally.Empty.Add(ShadowTally.Empty with { Categories = many });

        Assert.Equal(ShadowTally.MaxCategories + 1, total.Categories.Count);
        Assert.Equal(50, total.Categories.Single(c => c.Category == ShadowTally.OtherCategory).Rows);
        Assert.Equal(many.Count, total.Categories.Sum(c => c.Rows));
    }

    [Theory]
    [InlineData(-0.3, 0)]
    [InlineData(0.0, 0)]
    [InlineData(0.5, 10)]
    [InlineData(0.999, 19)]
    [InlineData(1.0, 19)]
    public void BinOf_Similarity_FallsInItsBin(double similarity, int bin) => Assert.Equal(bin, ShadowTally.BinOf(similarity));

    [Fact]
    public void VerdictOf_ChangedShareAboveThreshold_IsAnomalyAndCategoryMoved()
    {
        var tally = Chunk(compared: 100, changed: 20, bin: 2, ("a", 50, 19), ("b", 50, 1));

        var verdict = ShadowVerdict.Of(tally, new ShadowThresholds(0.9, 0.1, null));

        Assert.True(verdict.Anomaly);
        Assert.Equal(0.2, verdict.ChangedShare, 6);
        Assert.Equal(["a", "b"], verdict.Categories.Select(c => c.Category));
        Assert.True(verdict.Categories[0].Moved);
        Assert.False(verdict.Categories[1].Moved);
    }

    [Fact]
    public void VerdictOf_ChangedShareAtThreshold_IsNoAnomaly()
    {
        var verdict = ShadowVerdict.Of(Chunk(compared: 100, changed: 10, bin: 0), new ShadowThresholds(0.9, 0.1, null));

        Assert.False(verdict.Anomaly);
        Assert.Empty(verdict.AnomalyReasons);
    }

    private static ShadowTally Chunk(long compared, long changed, int bin, params (string Name, long Rows, long Changed)[] categories)
    {
        var histogram = new long[ShadowTally.HistogramBins];
        histogram[bin] = changed;
        return ShadowTally.Empty.Add(ShadowTally.Empty with
        {
            Compared = compared,
            Changed = changed,
            Histogram = histogram,
            Categories = categories.Select(c => new ShadowCategoryTally(c.Name, c.Rows, c.Changed, 0, 0)).ToList(),
        });
    }
}
