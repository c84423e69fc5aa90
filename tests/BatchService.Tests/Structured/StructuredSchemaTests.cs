using System.Text.Json;
using Agentic.BatchService.Structured;

namespace Agentic.BatchService.Tests.Structured;

public sealed class StructuredSchemaTests
{
    public const string ScoreSchema =
        """{"type":"object","properties":{"score":{"type":"integer","minimum":1,"maximum":5},"label":{"type":"string","enum":["good","bad"]}},"required":["score","label"],"additionalProperties":false}""";

    [Fact]
    public void Problem_ValidSchema_IsNull() => Assert.Null(StructuredSchema.Problem(ScoreSchema));

    [Theory]
    [InlineData("""{"type":"object","properties":{"score":{"type":"integr"}}}""", "/properties/score/type: ")]
    [InlineData("""{"type":"object","required":"score"}""", "/required: ")]
    [InlineData("""{"type":"object","properties":{"score":{"minimum":"one"}}}""", "/properties/score/minimum: ")]
    [InlineData("[1]", "/: must be a JSON object")]
    [InlineData("{\"type\":", "(line 1, byte ")]
    public void Problem_BrokenSchema_NamesThePathInsideTheSchema(string schema, string expectedStart)
    {
        var problem = StructuredSchema.Problem(schema);

        Assert.NotNull(problem);
        Assert.StartsWith(expectedStart, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConformingAnswer_HasNoErrors()
    {
        using var answer = JsonDocument.Parse("""{"score":4,"label":"good"}""");

        Assert.Empty(StructuredSchema.Compile(ScoreSchema).Check(answer.RootElement));
    }

    [Fact]
    public void Check_WrongTypeAndMissingProperty_NamesThePathsInsideTheAnswer()
    {
        using var answer = JsonDocument.Parse("""{"score":"four"}""");

        var errors = StructuredSchema.Compile(ScoreSchema).Check(answer.RootElement);

        Assert.Contains(errors, e => e.StartsWith("/score: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/: ", StringComparison.Ordinal) && e.Contains("label", StringComparison.Ordinal));
        Assert.InRange(errors.Count, 2, StructuredSchema.MaxErrors);
    }
}
