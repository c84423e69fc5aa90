using Agentic.Eval.V1;

namespace Agentic.EvalService.Tests.Integration;

[Collection(EvalEnvironmentCollection.Name)]
public sealed class SemanticCheckTests(EvalEnvironment environment)
{
    private const string Suite = """
        name: semantic
        checks:
          - id: same-topic
            type: semantic_keyword
            references: ["zebra migration patterns", "billing and invoices"]
            threshold: 0.99
        live:
          budget: 60s
        """;

    [Theory]
    [InlineData("billing and invoices", Decision.Show, true)]
    [InlineData("an entirely different sentence about gardening tools", Decision.Block, false)]
    public async Task EvaluateTurn_SemanticKeyword_ComparesEmbeddingsThroughGateway(string answer, Decision decision, bool passed)
    {
        var client = environment.Service.Client;
        await client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = Suite });

        var verdict = await client.EvaluateTurnAsync(new EvaluateTurnRequest
        {
            ConversationId = "conv-semantic-" + passed,
            TurnIndex = 0,
            UserRequest = "Where are my invoices?",
            AssistantResponse = answer,
            Suite = "semantic",
        });

        Assert.True(verdict.Checks.Count == 1, $"{verdict.Decision}: {verdict.Reason}");
        var check = verdict.Checks[0];
        Assert.Equal(passed, check.Passed);
        Assert.Equal(decision, verdict.Decision);
        Assert.Contains("cosine", Assert.Single(check.Evidence), StringComparison.Ordinal);
    }
}
