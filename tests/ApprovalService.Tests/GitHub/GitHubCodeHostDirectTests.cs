using Agentic.ApprovalService.Git;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.Tests.Integration;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agentic.ApprovalService.Tests.GitHub;

public class GitHubCodeHostDirectTests
{
    [Fact]
    public async Task OpenAsync_RetriedAfterSuccess_ReturnsTheSamePullRequest()
    {
        await using var github = await GitHubApiServer.StartAsync("acme/jaffle", new Dictionary<string, string> { ["models/staging/schema.yml"] = GitRepository.SchemaYml });
        var host = new GitHubCodeHost(Microsoft.Extensions.Options.Options.Create(new GitHubOptions { Token = "t", ApiUrl = github.Address }), NullLogger<GitHubCodeHost>.Instance);
        var change = new ApprovedChange(
            "model.jaffle_shop.orders", "orders", "model", "models/orders.sql", null, null, "One row per order", "llm", "ada", ReviewDecision.Approve, "m", "p");
        var repository = new ProjectRepository("/unused", string.Empty, CodeHostKind.GitHub, "acme/jaffle");

        var first = await host.OpenAsync("shop", repository, [change]);
        var retry = await host.OpenAsync("shop", repository, [change]);

        Assert.Equal(first.Number, retry.Number);
        Assert.Single(github.PullRequests());
        Assert.Equal(first.HeadCommit, retry.HeadCommit);
        // No property file declared: a new one beside the model's SQL, in dbt's layout.
        var created = github.Read(first.Branch, "models/orders.yml");
        Assert.Equal(DbtYamlEditor.Create([PropertyFiles.Edit(change)]), created);
        Assert.StartsWith("version: 2\nmodels:\n  - name: \"orders\"\n", created, StringComparison.Ordinal);
    }
}
