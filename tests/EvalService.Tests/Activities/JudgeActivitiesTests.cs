using Agentic.EvalService.Activities;
using Agentic.EvalService.Suites;
using Temporalio.Exceptions;

namespace Agentic.EvalService.Tests.Activities;

public sealed class JudgeActivitiesTests
{
    [Theory]
    [InlineData(JudgeOutput.Score, "{\"score\": 7, \"reason\": \"ok\"}", 0.7, null, null)]
    [InlineData(JudgeOutput.PassFail, "{\"pass\": false, \"reason\": \"rude\"}", null, false, null)]
    [InlineData(JudgeOutput.Pairwise, "{\"choice\": 2, \"reason\": \"follows\"}", null, null, 2)]
    public void Parse_ValidAnswer_ReadsVerdict(JudgeOutput output, string text, double? score, bool? pass, int? choice)
    {
        var answer = JudgeActivities.Parse(output, text);

        Assert.Equal(score, answer.Score);
        Assert.Equal(pass, answer.Pass);
        Assert.Equal(choice, answer.Choice);
        Assert.NotEmpty(answer.Reason);
    }

    [Theory]
    [InlineData(JudgeOutput.Score, "{\"score\": 57.5}")]
    [InlineData(JudgeOutput.Pairwise, "{\"choice\": 3}")]
    [InlineData(JudgeOutput.PassFail, "Output (a) is better, my card is 4111 1111 1111 1111")]
    public void Parse_InvalidAnswer_FailsWithoutQuotingIt(JudgeOutput output, string text)
    {
        var error = Assert.Throws<ApplicationFailureException>(() => JudgeActivities.Parse(output, text));

        Assert.Equal(JudgeActivities.UnparseableAnswer, error.ErrorType);
        Assert.DoesNotContain("4111", error.Message, StringComparison.Ordinal);
    }
}
