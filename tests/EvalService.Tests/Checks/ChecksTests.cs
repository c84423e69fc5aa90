using Agentic.EvalService.Checks;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Tests.Checks;

public sealed class ChecksTests
{
    [Theory]
    [InlineData("Hello, how can I help?", "^Hello", true, true)]
    [InlineData("Hi there", "^Hello", true, false)]
    [InlineData("see http://wiki.corp.internal/page", @"https?://[a-z0-9.-]*\.internal\b", false, false)]
    [InlineData("see https://example.com", @"https?://[a-z0-9.-]*\.internal\b", false, true)]
    public void Regex_MustOrMustNotMatch_PassesAsExpected(string text, string pattern, bool mustMatch, bool passed)
    {
        var outcome = RegexCheck.Run(new CheckSpec { Id = "r", Type = CheckType.Regex, Pattern = pattern, MustMatch = mustMatch }, text);

        Assert.Equal(passed, outcome.Passed);
    }

    [Fact]
    public void Regex_CatastrophicPattern_FailsInsteadOfHanging()
    {
        var spec = new CheckSpec { Id = "r", Type = CheckType.Regex, Pattern = "^(a+)+$" };

        var outcome = RegexCheck.Run(spec, new string('a', 40_000) + "!");

        Assert.False(outcome.Passed);
    }

    [Theory]
    [InlineData("Your REFUND arrives in 5 days.", true, 1.0)]
    [InlineData("Your refund arrives soon.", false, 2.0 / 3)]
    [InlineData("Refund in 2 weeks, guaranteed!", false, 2.0 / 3)]
    [InlineData("Nothing relevant", false, 1.0 / 3)]
    public void Keywords_AllAnyNone_ScoresShareMet(string text, bool passed, double score)
    {
        var spec = new CheckSpec { Id = "k", Type = CheckType.Keywords, AllOf = ["refund"], AnyOf = ["days", "weeks"], NoneOf = ["guarantee"] };

        var outcome = KeywordCheck.Run(spec, text);

        Assert.Equal(passed, outcome.Passed);
        Assert.Equal(score, outcome.Score, 6);
    }

    [Theory]
    [InlineData("Le CAFÉ est fermé", "cafe", true)]
    [InlineData("Die Straße ist lang", "STRASSE", true)]
    [InlineData("Señor Núñez", "nunez", true)]
    [InlineData("coffee", "cafe", false)]
    public void Keywords_CaseAndAccents_AreFolded(string text, string keyword, bool found)
    {
        var outcome = KeywordCheck.Run(new CheckSpec { Id = "k", Type = CheckType.Keywords, AllOf = [keyword] }, text);

        Assert.Equal(found, outcome.Passed);
    }

    [Theory]
    [InlineData("{\"answer\": \"yes\"}", null, true)]
    [InlineData("{\"answer\": ", null, false)]
    [InlineData("not json", null, false)]
    [InlineData("{\"answer\": \"yes\"}", "{\"type\":\"object\",\"required\":[\"answer\"],\"properties\":{\"answer\":{\"type\":\"string\"}}}", true)]
    [InlineData("{\"answer\": 42}", "{\"type\":\"object\",\"required\":[\"answer\"],\"properties\":{\"answer\":{\"type\":\"string\"}}}", false)]
    [InlineData("{\"other\": \"x\"}", "{\"type\":\"object\",\"required\":[\"answer\"]}", false)]
    public void Json_ValidityAndSchema_PassesAsExpected(string text, string? schema, bool passed)
    {
        var outcome = JsonCheck.Run(new CheckSpec { Id = "j", Type = CheckType.Json, Schema = schema }, text);

        Assert.Equal(passed, outcome.Passed);
        Assert.NotEmpty(outcome.Evidence);
    }

    [Fact]
    public void Json_SchemaViolation_NamesTheLocation()
    {
        var spec = new CheckSpec { Id = "j", Type = CheckType.Json, Schema = "{\"properties\":{\"n\":{\"type\":\"integer\",\"maximum\":3}}}" };

        var outcome = JsonCheck.Run(spec, "{\"n\": 7}");

        Assert.False(outcome.Passed);
        Assert.Contains(outcome.Evidence, e => e.Contains("/n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("four words are here", LengthUnit.Words, 2, 4, true)]
    [InlineData("five words are here now", LengthUnit.Words, 2, 4, false)]
    [InlineData("one", LengthUnit.Words, 2, 4, false)]
    [InlineData("abc", LengthUnit.Characters, null, 3, true)]
    [InlineData("abcd", LengthUnit.Characters, null, 3, false)]
    [InlineData("", LengthUnit.Characters, 1, null, false)]
    public void Length_Bounds_PassesAsExpected(string text, LengthUnit unit, int? min, int? max, bool passed)
    {
        var outcome = LengthCheck.Run(new CheckSpec { Id = "l", Type = CheckType.Length, Min = min, Max = max, Unit = unit }, text);

        Assert.Equal(passed, outcome.Passed);
    }

    [Theory]
    [InlineData("I'm sorry, but I can't help with that request.", true)]
    [InlineData("I’m unable to share account details of other customers.", true)]
    [InlineData("As an AI language model, I cannot browse the web.", true)]
    [InlineData("Sure! Reset your password under Settings > Security.", false)]
    [InlineData("Happy to help. Customers sometimes write 'I can't help myself' when ordering.", false)]
    public void Refusal_Phrases_AreDetected(string text, bool refusal)
    {
        Assert.Equal(refusal, RefusalCheck.IsRefusal(text));
        Assert.Equal(!refusal, RefusalCheck.Run(new CheckSpec { Id = "r", Type = CheckType.Refusal }, text).Passed);
        Assert.Equal(refusal, RefusalCheck.Run(new CheckSpec { Id = "r", Type = CheckType.Refusal, ExpectRefusal = true }, text).Passed);
    }

    [Fact]
    public void Run_SemanticKeyword_IsNotDeterministic()
    {
        var spec = new CheckSpec { Id = "s", Type = CheckType.SemanticKeyword, References = ["x"] };

        Assert.False(DeterministicChecks.IsDeterministic(spec));
        Assert.Throws<ArgumentException>(() => DeterministicChecks.Run(spec, "text"));
    }
}
