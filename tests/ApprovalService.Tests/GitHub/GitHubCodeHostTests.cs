using System.Net;
using System.Text;
using System.Text.Json;
using Agentic.Approval.V1;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Tests.Integration;
using Agentic.ApprovalService.Workflows;
using Agentic.Testing;
using Grpc.Core;

namespace Agentic.ApprovalService.Tests.GitHub;

/// <summary>The GitHub code host end to end: Octokit against the loopback GitHub API, merge and close by signed webhook.</summary>
[Collection(ApprovalEnvironmentCollection.Name)]
public class GitHubCodeHostTests(ApprovalEnvironment environment)
{
    private const string StgCustomers = "model.jaffle_shop.stg_customers";
    private const string Token = "ghp_test-token-that-must-stay-secret";
    private const string Repository = "acme/jaffle";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task OpenAsync_ApprovedProposal_BranchCommitAndPullRequestOnGitHub_MergeWebhookShipsIt()
    {
        var logs = new CapturedLogs();
        await using var github = await GitHubApiServer.StartAsync(Repository, new Dictionary<string, string> { ["models/staging/schema.yml"] = GitRepository.SchemaYml });
        await using var service = await StartServiceAsync(github, logs);
        var project = "gh-" + Guid.NewGuid().ToString("N")[..8];
        var proposal = await ImportAsync(service, project);
        var edit = new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "ada", ExpectedVersion = proposal.Version };
        edit.Decisions.Add(new ItemDecision { Column = "customer_id", Kind = DecisionKind.Edit, Text = "The customer's key" });
        var decided = await service.Client.DecideAsync(edit);

        await service.Client.DecideAsync(new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "root", ApproveAll = true, ExpectedVersion = decided.Version });

        var pull = await WaitPullRequestAsync(github, project);
        var branch = pull["head"]!["ref"]!.GetValue<string>();
        Assert.StartsWith("dbt-docs/" + project + "-", branch, StringComparison.Ordinal);
        Assert.Equal("main", pull["base"]!["ref"]!.GetValue<string>());
        Assert.Contains("refs/heads/" + branch, github.Refs());
        var yaml = github.Read(branch, "models/staging/schema.yml")!;
        Assert.StartsWith("version: 2\n\n# kept as written\nmodels:\n  - name: stg_customers\n    description: \"", yaml, StringComparison.Ordinal);
        Assert.Contains("      - name: customer_id\n        description: \"The customer's key\"\n        tests: [unique]\n", yaml, StringComparison.Ordinal);
        Assert.EndsWith("  - name: orders\n    description: Orders\n", yaml, StringComparison.Ordinal);
        Assert.Equal(GitRepository.SchemaYml, github.Read(GitHubApiServer.DefaultBranch, "models/staging/schema.yml"));
        var body = pull["body"]!.GetValue<string>();
        Assert.Contains("- model stg_customers, column customer_id: edited by ada\n", body, StringComparison.Ordinal);
        Assert.Contains("- model stg_customers: approved by root\n", body, StringComparison.Ordinal);
        Assert.Equal($"docs({project}): {proposal.Items.Count} approved dbt description(s)", pull["title"]!.GetValue<string>());
        Assert.Contains("column customer_id: edited by ada", github.CommitMessage(branch), StringComparison.Ordinal);
        Assert.All(github.Requests, request => Assert.Contains(Token, request.Authorization, StringComparison.Ordinal));

        var number = pull["number"]!.GetValue<int>();
        using (var response = await SendWebhookAsync(service, branch, number, merged: true))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var closed = await WaitAsync(service, project, p => p.State == ProposalState.Closed, "closed after the merge webhook");
        Assert.All(closed.Items, item => Assert.Equal(ItemState.Shipped, item.State));
        Assert.Equal(pull["html_url"]!.GetValue<string>(), closed.PullRequestUrl);
        var audit = await service.Client.GetAuditAsync(new GetAuditRequest { Project = project });
        Assert.Contains(audit.Entries, e => e.Kind == "shipped" && e.Column == "customer_id" && e.MergeCommit == "feedc0de" && e.PullRequestUrl == closed.PullRequestUrl);

        // The token lives in configuration only: no log line and no workflow history carries it.
        Assert.Contains(logs.Messages, message => message.Contains($"{Repository}#{number}", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Token, StringComparison.Ordinal));
        foreach (var id in new[] { PullRequestWorkflow.WorkflowId(project), ProposalClient.WorkflowId(project, StgCustomers) })
        {
            var history = await environment.Emulator.Client.GetWorkflowHandle(id).FetchHistoryAsync();
            Assert.DoesNotContain(Token, history.ToJson(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PullRequest_GitHubClosedWithoutMerge_ReopensProposal()
    {
        await using var github = await GitHubApiServer.StartAsync(Repository, new Dictionary<string, string> { ["models/staging/schema.yml"] = GitRepository.SchemaYml });
        await using var service = await StartServiceAsync(github, null);
        var project = "ghclose-" + Guid.NewGuid().ToString("N")[..8];
        var proposal = await ImportAsync(service, project);
        await service.Client.DecideAsync(new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "root", ApproveAll = true, ExpectedVersion = proposal.Version });
        var pull = await WaitPullRequestAsync(github, project);

        using var response = await SendWebhookAsync(service, pull["head"]!["ref"]!.GetValue<string>(), pull["number"]!.GetValue<int>(), merged: false);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reopened = await WaitAsync(service, project, p => p.State == ProposalState.Open, "reopened after the close webhook");
        Assert.All(reopened.Items, item => Assert.Equal(ItemState.Pending, item.State));
    }

    private Task<ApprovalServiceHost> StartServiceAsync(GitHubApiServer github, CapturedLogs? logs) =>
        environment.StartServiceAsync(
            "approval-github-" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string?>
            {
                ["Approval:GitHub:Token"] = Token,
                ["Approval:GitHub:ApiUrl"] = github.Address.ToString(),
                ["Logging:LogLevel:Default"] = logs is null ? "Warning" : "Debug",
            },
            logs);

    private static async Task<Proposal> ImportAsync(ApprovalServiceHost service, string project)
    {
        using var clone = new GitRepository();
        await service.Client.ImportManifestAsync(new ImportManifestRequest
        {
            Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = clone.Path, CodeHost = CodeHost.Github, GithubRepository = Repository,
        });
        return await WaitAsync(service, project, p => p.State == ProposalState.Open, "proposal open");
    }

    private async Task<System.Text.Json.Nodes.JsonObject> WaitPullRequestAsync(GitHubApiServer github, string project)
    {
        try
        {
            await Poll.UntilAsync(() => github.PullRequests().Count > 0, Deadline, "pull request opened on GitHub");
        }
        catch (TimeoutException timeout)
        {
            // A miss on a busy machine must say where the work stood, or it cannot be told from a hang.
            throw new TimeoutException(timeout.Message + Environment.NewLine + await DescribeWorkAsync(github, project), timeout);
        }

        return Assert.Single(github.PullRequests());
    }

    private async Task<string> DescribeWorkAsync(GitHubApiServer github, string project)
    {
        var lines = new List<string> { "GitHub API calls: " + string.Join(", ", github.Requests.Select(r => r.Method + " " + r.Path)) };
        foreach (var id in new[] { ProposalClient.WorkflowId(project, StgCustomers), PullRequestWorkflow.WorkflowId(project) })
        {
            try
            {
                var description = await environment.Emulator.Client.WorkflowService.DescribeWorkflowExecutionAsync(new()
                {
                    Namespace = environment.Emulator.Client.Options.Namespace,
                    Execution = new() { WorkflowId = id },
                });
                lines.Add($"{id}: {description.WorkflowExecutionInfo.Status}, history length {description.WorkflowExecutionInfo.HistoryLength}");
                lines.AddRange(description.PendingActivities.Select(activity =>
                    $"  pending {activity.ActivityType.Name}: {activity.State}, attempt {activity.Attempt}, last failure: {activity.LastFailure?.Message}"));
            }
            catch (Temporalio.Exceptions.RpcException exception)
            {
                lines.Add($"{id}: {exception.Message}");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<HttpResponseMessage> SendWebhookAsync(ApprovalServiceHost service, string branch, int number, bool merged)
    {
        var body = JsonSerializer.Serialize(new
        {
            action = "closed",
            pull_request = new { number, merged, merge_commit_sha = merged ? "feedc0de" : null, closed_at = "2026-11-30T01:02:03Z", head = new { @ref = branch } },
        });
        using var http = new HttpClient { BaseAddress = service.PortalAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(ApprovalServiceHost.WebhookSecret, Encoding.UTF8.GetBytes(body)));
        return await http.SendAsync(request);
    }

    private static async Task<Proposal> WaitAsync(ApprovalServiceHost service, string project, Func<Proposal, bool> condition, string because)
    {
        Proposal? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    last = await service.Client.GetProposalAsync(new GetProposalRequest { Project = project, UniqueId = StgCustomers });
                    return condition(last);
                }
                catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.Unknown or StatusCode.Internal)
                {
                    return false;
                }
            },
            Deadline,
            because);
        return last!;
    }
}
