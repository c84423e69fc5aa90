using System.Diagnostics;
using System.Text.Json.Nodes;
using Agentic.Approval.V1;
using Agentic.Testing;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>
/// A proposal taken through approval-service as a reviewer would: a dbt project in a real git repository, its
/// manifest imported (the model drafts every blank description), one column edited, the rest approved, and the
/// pull request opened on a branch.
/// </summary>
public sealed class ApprovalWork(LocalAppHostFixture fixture, string directory)
{
    public const string Node = "model.jaffle_shop.stg_customers";

    /// <summary>Set on approval-service by the fixture: an admin may decide on every node.</summary>
    public const string Reviewer = "ada";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static readonly string Manifest = Path.Combine(AppContext.BaseDirectory, "TestData", "jaffle_shop", "manifest_v4.json");

    /// <summary>
    /// Runs the proposal of <see cref="Node"/> to an open pull request; <paramref name="secret"/> goes into the
    /// node's SQL (the model's prompt) and the reviewer's edit (the text that ships). Returns the project name.
    /// </summary>
    public async Task<string> ImportDecideAndShipAsync(ActivityContext caller, string secret)
    {
        var project = $"logs-{Guid.NewGuid():N}"[..13];
        var repository = await CreateRepositoryAsync();
        var manifest = Path.Combine(directory, "manifest.json");
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Manifest))!;
        var node = document["nodes"]![Node]!;
        node["raw_sql"] = $"-- {secret}\n{node["raw_sql"]!.GetValue<string>()}";
        await File.WriteAllTextAsync(manifest, document.ToJsonString());

        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint("approval-service", "grpc"));
        var approvals = new Approval.V1.ApprovalService.ApprovalServiceClient(channel);
        var traced = TracedWork.Traced(caller);
        await approvals.ImportManifestAsync(new ImportManifestRequest { Project = project, ManifestPath = manifest, RepositoryPath = repository }, traced);
        var open = await WaitAsync(approvals, project, proposal => proposal.State == ProposalState.Open, "the proposal opened with drafts");

        var edit = new DecideRequest { Project = project, UniqueId = Node, Reviewer = Reviewer, ExpectedVersion = open.Version };
        edit.Decisions.Add(new ItemDecision { Column = "customer_id", Kind = DecisionKind.Edit, Text = $"{secret} the customer's key" });
        var edited = await approvals.DecideAsync(edit, traced);
        await approvals.DecideAsync(
            new DecideRequest { Project = project, UniqueId = Node, Reviewer = Reviewer, ApproveAll = true, ExpectedVersion = edited.Version },
            traced);
        await WaitAsync(approvals, project, proposal => proposal.PullRequestUrl.Length > 0, "the pull request opened");
        return project;
    }

    private static async Task<Proposal> WaitAsync(
        Approval.V1.ApprovalService.ApprovalServiceClient approvals, string project, Func<Proposal, bool> reached, string what)
    {
        Proposal? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    last = await approvals.GetProposalAsync(new GetProposalRequest { Project = project, UniqueId = Node });
                    return reached(last);
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
                {
                    return false;
                }
            },
            Deadline,
            $"{what} (last seen: {last?.State})");
        return last!;
    }

    /// <summary>A git work tree with the dbt files the manifest names, committed on the default branch.</summary>
    private async Task<string> CreateRepositoryAsync()
    {
        var repository = Directory.CreateDirectory(Path.Combine(directory, "dbt")).FullName;
        Directory.CreateDirectory(Path.Combine(repository, "models", "staging"));
        await File.WriteAllTextAsync(
            Path.Combine(repository, "models", "staging", "schema.yml"),
            "version: 2\n\nmodels:\n  - name: stg_customers\n    columns:\n      - name: customer_id\n        tests: [unique]\n");
        await File.WriteAllTextAsync(Path.Combine(repository, "models", "staging", "stg_customers.sql"), "select 1 as customer_id\n");
        await GitAsync(repository, "init", "--quiet");
        await GitAsync(repository, "add", "--all");
        await GitAsync(repository, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", "dbt project");
        return repository;
    }

    private static async Task GitAsync(string workTree, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workTree, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var errors = git.StandardError.ReadToEndAsync();
        await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {await errors}");
    }
}
