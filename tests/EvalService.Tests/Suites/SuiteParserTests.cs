using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Tests.Suites;

public sealed class SuiteParserTests
{
    private const string Minimal = """
        name: demo
        checks:
          - id: no-pii
            type: pii
        """;

    [Theory]
    [InlineData("support-answers.yaml")]
    [InlineData("pairwise-instructions.yaml")]
    public void Parse_ShippedExample_IsValid(string file)
    {
        var suite = SuiteParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Suites", file)));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), suite.Name);
        Assert.NotEmpty(suite.Jury.Judges);
    }

    [Fact]
    public void Parse_FullSuite_ReadsEveryField()
    {
        var suite = SuiteParser.Parse("""
            name: full
            description: all fields
            checks:
              - id: r
                type: regex
                pattern: "^Hello"
                mode: must_not_match
                live: false
              - id: k
                type: keywords
                all_of: [refund]
                any_of: [days, weeks]
                none_of: [guarantee]
              - id: l
                type: length
                min: 2
                max: 20
                unit: words
              - id: p
                type: pii
                types: [email, credit_card]
                regions: [GB]
            jury:
              aggregation: weighted_mean
              quorum: 1
              pass_threshold: 0.7
              escalate_below_agreement: 0.5
              both_orders: true
              judges:
                - name: a
                  model: sim-chat
                  rubric: be fair
                  output: pass_fail
                  timeout: 1500ms
                  max_attempts: 3
                  weight: 1.5
                  live: false
            live:
              budget: 2s
              when_late: retract_pending
            """);

        Assert.False(suite.Checks[0].MustMatch);
        Assert.False(suite.Checks[0].Live);
        Assert.Equal(["days", "weeks"], suite.Checks[1].AnyOf);
        Assert.Equal(LengthUnit.Words, suite.Checks[2].Unit);
        Assert.Equal([PiiType.Email, PiiType.CreditCard], suite.Checks[3].PiiTypes);
        Assert.Equal(Aggregation.WeightedMean, suite.Jury.Aggregation);
        Assert.Equal(0.5, suite.Jury.EscalateBelowAgreement);
        Assert.True(suite.Jury.BothOrders);
        var judge = Assert.Single(suite.Jury.Judges);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), judge.Timeout);
        Assert.Equal(JudgeOutput.PassFail, judge.Output);
        Assert.Equal(3, judge.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), suite.Live.Budget);
        Assert.Equal(LateAction.RetractPending, suite.Live.WhenLate);
    }

    [Fact]
    public void Parse_Minimal_UsesDefaults()
    {
        var suite = SuiteParser.Parse(Minimal);

        Assert.Equal(TimeSpan.FromMilliseconds(800), suite.Live.Budget);
        Assert.Equal(LateAction.ShowProvisional, suite.Live.WhenLate);
        Assert.Equal(Aggregation.Majority, suite.Jury.Aggregation);
    }

    [Theory]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: regexp\n    pattern: x\n", "checks[0].type", 4)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: regex\n    pattern: \"(\"\n", "checks[0].pattern", 5)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: regex\n", "checks[0].pattern", 3)]
    [InlineData("name: Demo Suite\nchecks:\n  - id: a\n    type: pii\n", "name", 1)]
    [InlineData("checks:\n  - id: a\n    type: pii\n", "name", 1)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: pii\n    colour: red\n", "checks[0].colour", 5)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: pii\n    regions: [US, XX]\n", "checks[0].regions[1]", 5)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: pii\n    types: [email, dna]\n", "checks[0].types[1]", 5)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: json\n    schema: '{\"type\": 5'\n", "checks[0].schema", 5)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: length\n    min: 5\n    max: 2\n", "checks[0].max", 6)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: pii\n  - id: a\n    type: regex\n    pattern: x\n", "checks[1].id", 5)]
    [InlineData("name: demo\njury:\n  quorum: 3\n  judges:\n    - name: a\n      model: m\n      rubric: r\n", "jury.quorum", 3)]
    [InlineData("name: demo\njury:\n  judges:\n    - name: a\n      rubric: r\n", "jury.judges[0].model", 4)]
    [InlineData("name: demo\njury:\n  aggregation: mode\n  judges:\n    - name: a\n      model: m\n      rubric: r\n", "jury.aggregation", 3)]
    [InlineData("name: demo\njury:\n  judges:\n    - name: a\n      model: m\n      rubric: r\n      timeout: soon\n", "jury.judges[0].timeout", 7)]
    [InlineData("name: demo\njury:\n  pass_threshold: 1.5\n  judges:\n    - name: a\n      model: m\n      rubric: r\n", "jury.pass_threshold", 3)]
    [InlineData("name: demo\nchecks:\n  - id: a\n    type: pii\nlive:\n  budget: -5ms\n", "live.budget", 6)]
    [InlineData("name: demo\nchecks: [\n", "yaml", 3)]
    [InlineData("name: demo\n", "checks", 1)]
    public void Parse_InvalidSuite_NamesFieldAndLine(string yaml, string field, int line)
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse(yaml));

        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
        Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
    }
}
