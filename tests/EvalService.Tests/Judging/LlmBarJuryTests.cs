using Agentic.EvalService.Judging;
using Agentic.EvalService.Suites;
using Xunit.Abstractions;

namespace Agentic.EvalService.Tests.Judging;

/// <summary>
/// The aggregation code against the figures the LLMBar README computes directly from the file, then the
/// side-by-side comparison the issue asks for (printed; docs/evaluation.md records it).
/// </summary>
public sealed class LlmBarJuryTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<LlmBarCase> Cases = LlmBarCase.Load();

    private static JurySpec Panel(IEnumerable<string> judges, Aggregation aggregation, double? escalate = null) => new()
    {
        Aggregation = aggregation,
        Quorum = 1,
        EscalateBelowAgreement = escalate,
        Judges = judges.Select(j => new JudgeSpec { Name = j, Model = j, Rubric = "", Output = JudgeOutput.Pairwise }).ToList(),
    };

    private static JuryDecision Decide(LlmBarCase c, JurySpec jury, IReadOnlyDictionary<string, double>? weights = null) =>
        JuryAggregator.Aggregate(jury, jury.Judges.Select(j => c.Verdicts[j.Name] is { } v
            ? new JudgeVerdict(j.Name, j.Model, true, 0, false, v)
            : JudgeVerdict.Failed(j.Name, j.Model, "unparsed")).ToList(), weights);

    [Theory]
    [InlineData("GPT-4/Vanilla", 252)]
    [InlineData("ChatGPT/Vanilla", 90)]
    [InlineData("ChatGPT-0301/Vanilla", 121)]
    [InlineData("PaLM2/Vanilla", 207)]
    [InlineData("LLaMA2/Vanilla", 106)]
    [InlineData("Falcon/Vanilla", 162)]
    public void File_SingleJudge_MatchesReadme(string judge, int correct)
    {
        Assert.Equal(319, Cases.Count);
        Assert.Equal(correct, Cases.Count(c => c.Verdicts[judge] == c.Label));
    }

    [Theory]
    [InlineData("GPT-4/Vanilla,ChatGPT/Vanilla,PaLM2/Vanilla,LLaMA2/Vanilla,Falcon/Vanilla", 159)]
    [InlineData("GPT-4/Vanilla,ChatGPT/Vanilla,PaLM2/Vanilla,LLaMA2/Vanilla,Falcon/Vanilla,ChatGPT-0301/Vanilla", 166)]
    [InlineData("GPT-4/Vanilla,ChatGPT/Vanilla,PaLM2/Vanilla", 205)]
    [InlineData("GPT-4/Vanilla,PaLM2/Vanilla,Falcon/Vanilla", 224)]
    public void Aggregate_Majority_MatchesReadme(string judges, int correct)
    {
        var jury = Panel(judges.Split(','), Aggregation.Majority);

        Assert.Equal(correct, Cases.Count(c => Decide(c, jury).Choice == c.Label));
    }

    [Fact]
    public void Aggregate_EscalateUnlessUnanimous_MatchesReadmeAllAgree()
    {
        var jury = Panel(LlmBarCase.FiveJudges, Aggregation.Majority, escalate: 1.0);

        var decided = Cases.Select(c => (Case: c, Decision: Decide(c, jury))).Where(x => x.Decision.Decided).ToList();

        Assert.Equal(74, decided.Count);
        Assert.Equal(43, decided.Count(x => x.Decision.Choice == x.Case.Label));
    }

    [Fact]
    public void Compare_WeightedCalibratedOnHalf_BeatsMajorityAndBestSingleOnOtherHalf()
    {
        var calibration = Cases.Where((_, i) => i % 2 == 0).ToList();
        var heldOut = Cases.Where((_, i) => i % 2 == 1).ToList();
        var weights = LogOddsWeights.Calibrate(
            LlmBarCase.FiveJudges.ToDictionary(j => j, j => (IReadOnlyList<int?>)calibration.Select(c => c.Verdicts[j]).ToList()),
            calibration.Select(c => c.Label).ToList());

        double Accuracy(Func<LlmBarCase, int?> choose) => (double)heldOut.Count(c => choose(c) == c.Label) / heldOut.Count;
        var best = LlmBarCase.FiveJudges.Select(j => (Judge: j, Accuracy: Accuracy(c => c.Verdicts[j]))).MaxBy(x => x.Accuracy);
        var majority = Accuracy(c => Decide(c, Panel(LlmBarCase.FiveJudges, Aggregation.Majority)).Choice);
        var weighted = Accuracy(c => Decide(c, Panel(LlmBarCase.FiveJudges, Aggregation.WeightedMean), weights).Choice);
        var escalating = heldOut.Select(c => (Case: c, Decision: Decide(c, Panel(LlmBarCase.FiveJudges, Aggregation.WeightedMean, escalate: 0.8), weights)))
            .Where(x => x.Decision.Decided).ToList();
        var escalatingAccuracy = (double)escalating.Count(x => x.Decision.Choice == x.Case.Label) / escalating.Count;

        output.WriteLine($"held-out half: {heldOut.Count} cases; weights {string.Join(", ", weights.Select(w => $"{w.Key} {w.Value:F2}"))}");
        output.WriteLine($"best single ({best.Judge}): {best.Accuracy:P1}");
        output.WriteLine($"majority of 5: {majority:P1}");
        output.WriteLine($"weighted (log-odds): {weighted:P1}");
        output.WriteLine($"agree-or-escalate (weighted, agreement >= 0.8): coverage {(double)escalating.Count / heldOut.Count:P1}, accuracy {escalatingAccuracy:P1}");

        Assert.Equal("GPT-4/Vanilla", best.Judge);
        Assert.True(majority < best.Accuracy, $"majority {majority} should be below the best single judge {best.Accuracy} on this file");
        Assert.True(weighted > best.Accuracy, $"weighted {weighted} should beat the best single judge {best.Accuracy}");
        Assert.True(weights["ChatGPT/Vanilla"] < 0, "a judge worse than chance gets a negative weight");
    }
}
