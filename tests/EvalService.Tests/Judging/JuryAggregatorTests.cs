using Agentic.EvalService.Judging;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Tests.Judging;

public sealed class JuryAggregatorTests
{
    private static JurySpec Jury(Aggregation aggregation, int judges, int quorum = 0, double threshold = 0.5, double? escalate = null, JudgeOutput output = JudgeOutput.Score) => new()
    {
        Aggregation = aggregation,
        Quorum = quorum,
        PassThreshold = threshold,
        EscalateBelowAgreement = escalate,
        Judges = Enumerable.Range(0, judges).Select(i => new JudgeSpec { Name = $"j{i}", Model = "m", Rubric = "r", Output = output }).ToList(),
    };

    private static JudgeVerdict Score(int index, double score, double threshold = 0.5) => new($"j{index}", "m", true, score, score >= threshold);

    private static JudgeVerdict Pick(int index, int? choice) => choice is null
        ? JudgeVerdict.Failed($"j{index}", "m", "timeout")
        : new JudgeVerdict($"j{index}", "m", true, 0, false, choice);

    [Theory]
    [InlineData(Aggregation.Mean, 0.6, true)]
    [InlineData(Aggregation.Median, 0.7, true)]
    [InlineData(Aggregation.Min, 0.2, false)]
    [InlineData(Aggregation.Max, 0.9, true)]
    [InlineData(Aggregation.WeightedMean, 0.6, true)]
    [InlineData(Aggregation.Majority, 0.6, true)]
    [InlineData(Aggregation.AllMustPass, 0.2, false)]
    public void Aggregate_Scores_CombinesAsNamed(Aggregation aggregation, double expected, bool passed)
    {
        var verdicts = new[] { Score(0, 0.2), Score(1, 0.7), Score(2, 0.9) };

        var decision = JuryAggregator.Aggregate(Jury(aggregation, 3), verdicts);

        Assert.True(decision.Decided);
        Assert.Equal(passed, decision.Passed);
        if (aggregation != Aggregation.Majority)
        {
            Assert.Equal(expected, decision.Score, 6);
        }
    }

    [Fact]
    public void Aggregate_WeightedMeanWithWeights_FavoursHeavierJudge()
    {
        var verdicts = new[] { Score(0, 0.2), Score(1, 0.8) };
        var weights = new Dictionary<string, double> { ["j0"] = 3, ["j1"] = 1 };

        var decision = JuryAggregator.Aggregate(Jury(Aggregation.WeightedMean, 2), verdicts, weights);

        Assert.Equal(0.35, decision.Score, 6);
        Assert.False(decision.Passed);
    }

    [Fact]
    public void Aggregate_MajorityTie_GoesToLeadJudge()
    {
        var jury = Jury(Aggregation.Majority, 4, output: JudgeOutput.PassFail);
        var leadFails = new[] { Score(0, 0), Score(1, 1), Score(2, 1), Score(3, 0) };
        var leadPasses = new[] { Score(0, 1), Score(1, 0), Score(2, 0), Score(3, 1) };

        Assert.False(JuryAggregator.Aggregate(jury, leadFails).Passed);
        Assert.True(JuryAggregator.Aggregate(jury, leadPasses).Passed);
    }

    [Fact]
    public void Aggregate_OneJudgeFailsQuorumHolds_DecidesAndCountsAnswered()
    {
        var verdicts = new[] { Score(0, 0.9), JudgeVerdict.Failed("j1", "m", "timeout"), Score(2, 0.8) };

        var decision = JuryAggregator.Aggregate(Jury(Aggregation.Mean, 3, quorum: 2), verdicts);

        Assert.True(decision.Decided);
        Assert.True(decision.QuorumMet);
        Assert.Equal(2, decision.Answered);
        Assert.Equal(0.85, decision.Score, 6);
    }

    [Fact]
    public void Aggregate_TooManyJudgesFail_IsNotDecided()
    {
        var verdicts = new[] { Score(0, 0.9), JudgeVerdict.Failed("j1", "m", "timeout"), JudgeVerdict.Failed("j2", "m", "500") };

        var decision = JuryAggregator.Aggregate(Jury(Aggregation.Mean, 3, quorum: 2), verdicts);

        Assert.False(decision.Decided);
        Assert.False(decision.QuorumMet);
        Assert.Equal(1, decision.Answered);
    }

    [Fact]
    public void Aggregate_LowAgreement_Escalates()
    {
        var jury = Jury(Aggregation.Majority, 3, escalate: 0.9, output: JudgeOutput.PassFail);

        var split = JuryAggregator.Aggregate(jury, [Score(0, 1), Score(1, 0), Score(2, 1)]);
        var unanimous = JuryAggregator.Aggregate(jury, [Score(0, 1), Score(1, 1), Score(2, 1)]);

        Assert.True(split.Escalated);
        Assert.False(split.Decided);
        Assert.Equal(2.0 / 3, split.Agreement, 6);
        Assert.True(unanimous.Decided);
        Assert.Equal(1, unanimous.Agreement);
    }

    [Fact]
    public void Aggregate_PairwiseMajority_PicksMostChosenAndAbstainsOnTies()
    {
        var jury = Jury(Aggregation.Majority, 4, output: JudgeOutput.Pairwise);

        var decision = JuryAggregator.Aggregate(jury, [Pick(0, 0), Pick(1, 2), Pick(2, 2), Pick(3, 1)]);

        Assert.Equal(2, decision.Choice);
    }

    [Fact]
    public void Aggregate_PairwiseWeightedVote_NegativeWeightCountsAgainst()
    {
        var jury = Jury(Aggregation.WeightedMean, 3, output: JudgeOutput.Pairwise);
        var weights = new Dictionary<string, double> { ["j0"] = 1.2, ["j1"] = -0.9, ["j2"] = -0.5 };

        // j1 and j2 pick 1, but both are measured worse than chance: their votes point to 2.
        var decision = JuryAggregator.Aggregate(jury, [Pick(0, 2), Pick(1, 1), Pick(2, 1)], weights);

        Assert.Equal(2, decision.Choice);
    }

    [Fact]
    public void Median_EvenCount_AveragesMiddle()
    {
        Assert.Equal(2.5, JuryAggregator.Median([4, 1, 2, 3]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 2)]
    [InlineData(1, 2, 0)]
    [InlineData(2, 1, 0)]
    [InlineData(1, null, null)]
    public void Combine_BothOrders_FlipIsTie(int? original, int? swapped, int? expected)
    {
        Assert.Equal(expected, PairwiseOrders.Combine(original, swapped));
    }
}
