using Agentic.BatchService.Activities;
using Agentic.BatchService.Input;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Tests.Structured;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Tests.Activities;

public sealed class RowRunnerStructuredTests
{
    private static readonly BatchTaskSpec Task = new(
        BatchTaskKind.Structured, "model", "Rate {{text}}", null, StructuredSchemaTests.ScoreSchema, null, null, null, 2, 1, OutputAttempts: 3);

    [Fact]
    public async Task RunAsync_ConformingAnswer_SucceedsWithTheParsedObject()
    {
        var model = new ScriptedModel((_, _, _) => System.Threading.Tasks.Task.FromResult(new RowModelResult("""{ "score": 5, "label": "good" }""", null, 10, 4)));

        var outcome = await Runner(model).RunAsync(Row("r1", "tea"), new TokenAllowance(null, 0), CancellationToken.None);

        Assert.Equal(RowStatus.Succeeded, outcome.Status);
        Assert.Equal("""{ "score": 5, "label": "good" }""", outcome.Json);
        Assert.Null(outcome.Text);
        Assert.Equal(1, outcome.Attempts);
        Assert.Empty(model.Feedback.Single().Feedback);
    }

    [Fact]
    public async Task RunAsync_InvalidThenFixed_FeedsTheErrorsBackAndSucceeds()
    {
        var model = new ScriptedModel((_, call, _) => System.Threading.Tasks.Task.FromResult(call == 1
            ? new RowModelResult("""{"score":"five","label":"good"}""", null, 10, 4)
            : new RowModelResult("""{"score":5,"label":"good"}""", null, 30, 4)));

        var outcome = await Runner(model).RunAsync(Row("r1", "tea"), new TokenAllowance(null, 0), CancellationToken.None);

        Assert.Equal(RowStatus.Succeeded, outcome.Status);
        Assert.Equal("""{"score":5,"label":"good"}""", outcome.Json);
        Assert.Equal(2, outcome.Attempts);
        Assert.Equal(40, outcome.PromptTokens);
        Assert.Equal(8, outcome.CompletionTokens);
        var second = model.Feedback[1].Feedback.Single();
        Assert.Equal("""{"score":"five","label":"good"}""", second.Answer);
        Assert.StartsWith("/score: ", second.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidForever_FailsWithTheValidationErrorsAfterTheConfiguredAttempts()
    {
        var model = new ScriptedModel((_, call, _) => System.Threading.Tasks.Task.FromResult(call == 2
            ? new RowModelResult("not json at all", null, 10, 4)
            : new RowModelResult("""{"score":9}""", null, 10, 4)));

        var outcome = await Runner(model).RunAsync(Row("r1", "tea"), new TokenAllowance(null, 0), CancellationToken.None);

        Assert.Equal(RowStatus.Failed, outcome.Status);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal(3, model.Calls);
        Assert.Equal(30, outcome.PromptTokens);
        Assert.Equal(RowError.InvalidModelOutput, outcome.Error!.Kind);
        Assert.StartsWith("no answer conformed to the JSON schema in 3 attempts; the last: ", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains("/score: ", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains("label", outcome.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("/: not valid JSON", model.Feedback[2].Feedback[1].Problem, StringComparison.Ordinal);
        Assert.Null(outcome.Json);
    }

    private static RowRunner Runner(ScriptedModel model) =>
        new(model, Task, PromptTemplate.Parse(Task.PromptTemplate), new BatchOptions { RowRetryDelay = TimeSpan.FromMilliseconds(1) });

    private static InputRow Row(string id, string text) =>
        new(0, 1, id, new Dictionary<string, string>(StringComparer.Ordinal) { ["text"] = text }, null);
}
