using Agentic.EvalService.Judging;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Tests.Judging;

public sealed class JuryOutlookTests
{
    private static JurySpec Jury(Aggregation aggregation, int judges, int quorum, double threshold = 0.5, double? escalate = null, JudgeOutput output = JudgeOutput.Score, double[]? weights = null) => new()
    {
        Aggregation = aggregation,
        Quorum = quorum,
        PassThreshold = threshold,
        EscalateBelowAgreement = escalate,
        Judges = Enumerable.Range(0, judges).Select(i => new JudgeSpec { Name = $"j{i}", Model = "m", Rubric = "r", Output = output, Weight = weights?[i] ?? 1 }).ToList(),
    };

    private static JudgeVerdict? Score(int index, double? score, double threshold = 0.5) =>
        score is { } s ? new JudgeVerdict($"j{index}", "m", true, s, s >= threshold) : null;

    private static JudgeVerdict?[] Scores(params double?[] scores) => [.. scores.Select((s, i) => Score(i, s))];

    /// <summary>Pass/fail votes: true, false, or null (not answered yet).</summary>
    private static JudgeVerdict?[] Votes(params bool?[] votes) =>
        [.. votes.Select((v, i) => v is { } pass ? new JudgeVerdict($"j{i}", "m", true, pass ? 1 : 0, pass) : null)];

    [Fact]
    public void TryDecide_MeanWhoseLowestPossibleValueStillPasses_DecidesEarly()
    {
        // Even if the third judge scores 0, the mean is 1.6 / 3 = 0.53; if it stays silent, 0.8.
        var decision = JuryOutlook.TryDecide(Jury(Aggregation.Mean, 3, quorum: 2), Scores(0.8, 0.8, null));

        Assert.NotNull(decision);
        Assert.True(decision.Passed);
        Assert.True(decision.QuorumMet);
        Assert.Equal(2, decision.Answered);
    }

    [Theory]
    [InlineData(0.6, 2)] // a 0 from the third would make the mean 0.4
    [InlineData(0.8, 0)] // quorum "all": the third failing would leave no quorum
    public void TryDecide_MeanTheLastJudgeCanStillChange_Waits(double score, int quorum)
    {
        Assert.Null(JuryOutlook.TryDecide(Jury(Aggregation.Mean, 3, quorum), Scores(score, score, null)));
    }

    [Fact]
    public void TryDecide_MeanBeforeQuorum_Waits()
    {
        Assert.Null(JuryOutlook.TryDecide(Jury(Aggregation.Mean, 3, quorum: 2, threshold: 0), Scores(0.9, null, null)));
    }

    [Theory]
    [InlineData(0.8, 0.9, true)]
    [InlineData(0.1, 0.2, false)]
    public void TryDecide_MedianOfThreeWithTwoOnOneSide_DecidesEarly(double a, double b, bool passed)
    {
        var decision = JuryOutlook.TryDecide(Jury(Aggregation.Median, 3, quorum: 2), Scores(a, b, null));

        Assert.NotNull(decision);
        Assert.Equal(passed, decision.Passed);
    }

    [Fact]
    public void TryDecide_MedianSplit_Waits()
    {
        Assert.Null(JuryOutlook.TryDecide(Jury(Aggregation.Median, 3, quorum: 2), Scores(0.8, 0.2, null)));
    }

    [Theory]
    [InlineData(Aggregation.Min, 0.2, false)]
    [InlineData(Aggregation.Max, 0.9, true)]
    public void TryDecide_MinFailsOrMaxPassesOnFirstAnswer_DecidesEarly(Aggregation aggregation, double score, bool passed)
    {
        var decision = JuryOutlook.TryDecide(Jury(aggregation, 3, quorum: 1), Scores(score, null, null));

        Assert.NotNull(decision);
        Assert.Equal(passed, decision.Passed);
    }

    [Theory]
    [InlineData(Aggregation.Min, 0.9)]
    [InlineData(Aggregation.Max, 0.2)]
    public void TryDecide_MinPassingOrMaxFailingSoFar_Waits(Aggregation aggregation, double score)
    {
        Assert.Null(JuryOutlook.TryDecide(Jury(aggregation, 3, quorum: 1), Scores(score, null, null)));
    }

    [Theory]
    [InlineData(0.9, true)] // (3 × 0.9 + 0 + 0) / 5 = 0.54
    [InlineData(0.7, false)] // (3 × 0.7) / 5 = 0.42: the two light judges could still pull it under
    public void TryDecide_WeightedMeanHeavyJudgeFirst_DecidesOnlyWhenBoundsAgree(double heavy, bool decides)
    {
        var jury = Jury(Aggregation.WeightedMean, 3, quorum: 1, weights: [3, 1, 1]);

        var decision = JuryOutlook.TryDecide(jury, Scores(heavy, null, null));

        Assert.Equal(decides, decision is not null);
        Assert.True(decision?.Passed ?? true);
    }

    [Fact]
    public void TryDecide_MajorityReached_DecidesEarly()
    {
        var decision = JuryOutlook.TryDecide(Jury(Aggregation.Majority, 5, quorum: 3, output: JudgeOutput.PassFail), Votes(true, null, true, null, true));

        Assert.NotNull(decision);
        Assert.True(decision.Passed);
        Assert.Equal(3, decision.Answered);
    }

    [Fact]
    public void TryDecide_MajorityNotYetReached_Waits()
    {
        Assert.Null(JuryOutlook.TryDecide(Jury(Aggregation.Majority, 5, quorum: 3, output: JudgeOutput.PassFail), Votes(true, true, false, null, null)));
    }

    [Fact]
    public void TryDecide_AllMustPassOneFailed_DecidesEarly()
    {
        var decision = JuryOutlook.TryDecide(Jury(Aggregation.AllMustPass, 3, quorum: 1, output: JudgeOutput.PassFail), Votes(null, false, null));

        Assert.NotNull(decision);
        Assert.False(decision.Passed);
    }

    [Fact]
    public void TryDecide_AllMustPassAllPassedSoFar_Waits()
    {
        Assert.Null(JuryOutlook.TryDecide(Jury(Aggregation.AllMustPass, 3, quorum: 2, output: JudgeOutput.PassFail), Votes(true, true, null)));
    }

    [Fact]
    public void TryDecide_QuorumCanNoLongerBeMet_DecidesEarlyWithoutQuorum()
    {
        var verdicts = new JudgeVerdict?[] { JudgeVerdict.Failed("j0", "m", "timeout"), null, null };

        var decision = JuryOutlook.TryDecide(Jury(Aggregation.Mean, 3, quorum: 3), verdicts);

        Assert.NotNull(decision);
        Assert.False(decision.QuorumMet);
    }

    [Fact]
    public void TryDecide_AgreementSettledAboveThreshold_DecidesEarly()
    {
        // Four of five agree whatever the fifth says: 80 % agreement at least.
        var decision = JuryOutlook.TryDecide(Jury(Aggregation.Majority, 5, quorum: 3, escalate: 0.8, output: JudgeOutput.PassFail), Votes(true, true, true, true, null));

        Assert.NotNull(decision);
        Assert.False(decision.Escalated);
        Assert.True(decision.Passed);
    }

    [Fact]
    public void TryDecide_AgreementAmongAnswersOnlyIsNotEnough_Waits()
    {
        // Three of three agree so far, but with two silent or dissenting judges the panel's agreement would be 60 %.
        Assert.Null(JuryOutlook.TryDecide(Jury(Aggregation.Majority, 5, quorum: 3, escalate: 0.8, output: JudgeOutput.PassFail), Votes(true, true, true, null, null)));
    }

    [Fact]
    public void TryDecide_DisagreementSettledBelowThreshold_EscalatesEarly()
    {
        // Two against two: at most three of five can agree, under 80 %.
        var decision = JuryOutlook.TryDecide(Jury(Aggregation.Majority, 5, quorum: 3, escalate: 0.8, output: JudgeOutput.PassFail), Votes(true, false, true, false, null));

        Assert.NotNull(decision);
        Assert.True(decision.Escalated);
    }

    [Fact]
    public void TryDecide_PairwiseMajorityReached_DecidesChoice()
    {
        var verdicts = new JudgeVerdict?[] { new("j0", "m", true, 1, true, 1), new("j1", "m", true, 1, true, 1), null };

        var decision = JuryOutlook.TryDecide(Jury(Aggregation.Majority, 3, quorum: 2, output: JudgeOutput.Pairwise), verdicts);

        Assert.NotNull(decision);
        Assert.Equal(1, decision.Choice);
    }

    [Fact]
    public void TryDecide_EveryJudgeAnswered_IsTheAggregate()
    {
        var jury = Jury(Aggregation.Mean, 3, quorum: 0);
        var verdicts = Scores(0.2, 0.4, 0.9);

        Assert.Equal(JuryAggregator.Aggregate(jury, verdicts!), JuryOutlook.TryDecide(jury, verdicts));
    }

    [Fact]
    public void TryDecide_TooManyCompletionsToTry_Waits()
    {
        var jury = Jury(Aggregation.Majority, 8, quorum: 1, output: JudgeOutput.Pairwise);
        var verdicts = new JudgeVerdict?[8];
        verdicts[0] = new JudgeVerdict("j0", "m", true, 1, true, 1);

        Assert.Null(JuryOutlook.TryDecide(jury, verdicts));
    }

    /// <summary>
    /// Soundness on random panels: whenever the outlook decides early, the judges still out, answering anything at all
    /// (random scores between the extremes included) or nothing, never change the outcome.
    /// </summary>
    [Theory]
    [InlineData(Aggregation.Mean)]
    [InlineData(Aggregation.Median)]
    [InlineData(Aggregation.Min)]
    [InlineData(Aggregation.Max)]
    [InlineData(Aggregation.WeightedMean)]
    [InlineData(Aggregation.Majority)]
    [InlineData(Aggregation.AllMustPass)]
    public void TryDecide_RandomPanels_EarlyDecisionIsNeverContradicted(Aggregation aggregation)
    {
        var random = new Random(7);
        var decidedEarly = 0;
        for (var round = 0; round < 400; round++)
        {
            var size = random.Next(2, 6);
            var threshold = Math.Round(random.NextDouble(), 1);
            var jury = Jury(aggregation, size, random.Next(0, size + 1), threshold, random.Next(3) == 0 ? 0.6 : null,
                weights: [.. Enumerable.Range(0, size).Select(_ => (double)random.Next(1, 4))]);
            var verdicts = Enumerable.Range(0, size).Select(i => random.Next(3) switch
            {
                0 => null,
                1 => JudgeVerdict.Failed($"j{i}", "m", "timeout"),
                _ => Score(i, Math.Round(random.NextDouble(), 2), threshold),
            }).ToArray();

            if (JuryOutlook.TryDecide(jury, verdicts) is not { } early || verdicts.All(v => v is not null))
            {
                continue;
            }

            decidedEarly++;
            for (var sample = 0; sample < 50; sample++)
            {
                var completed = verdicts.Select((v, i) => v ?? (random.Next(4) == 0
                    ? JudgeVerdict.Failed($"j{i}", "m", "timeout")
                    : Score(i, random.Next(3) == 0 ? random.Next(2) : random.NextDouble(), threshold)!)).ToArray();
                var final = JuryAggregator.Aggregate(jury, completed);
                Assert.Equal(early.QuorumMet, final.QuorumMet);
                Assert.Equal(early.Escalated, final.Escalated);
                if (early.QuorumMet && !early.Escalated)
                {
                    Assert.Equal(early.Passed, final.Passed);
                }
            }
        }

        Assert.True(decidedEarly > 0, "some panels were decided early");
    }
}
