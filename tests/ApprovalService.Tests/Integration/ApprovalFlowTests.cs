using Agentic.Approval.V1;
using Agentic.Testing;
using Grpc.Core;

namespace Agentic.ApprovalService.Tests.Integration;

[Collection(ApprovalEnvironmentCollection.Name)]
public class ApprovalFlowTests(ApprovalEnvironment environment)
{
    private const string StgCustomers = "model.jaffle_shop.stg_customers";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly Approval.V1.ApprovalService.ApprovalServiceClient _client = environment.Service.Client;

    [Fact]
    public async Task ImportManifest_JaffleShopV12_OneProposalPerNodeWithDrafts()
    {
        using var repo = new GitRepository();
        var project = Project();

        var response = await _client.ImportManifestAsync(Import(project, JaffleShop.ManifestV12, repo, JaffleShop.Catalog));

        Assert.Equal(12, response.SchemaVersion);
        Assert.Equal(13, response.Models);
        // With the catalog, 24 of the 25 nodes have a blank description (undocumented warehouse columns included).
        Assert.Equal(24, response.ProposalsStarted);
        Assert.True(response.Inherited > 0);
        var listed = await _client.ListProposalsAsync(new ListProposalsRequest { Project = project });
        Assert.Equal(24, listed.Proposals.Count);
        var orderItems = await WaitOpenAsync(project, "model.jaffle_shop.order_items");
        Assert.Contains(orderItems.Items, item => item.Column == "order_item_id" && item.Origin == DraftOrigin.Inherited);
        var drafted = orderItems.Items.Where(item => item.Origin == DraftOrigin.Llm).ToList();
        Assert.NotEmpty(drafted);
        Assert.All(drafted, item => Assert.False(string.IsNullOrWhiteSpace(item.DraftText)));
        Assert.Equal("sim-chat", orderItems.Model);
        Assert.Equal("describe-v1", orderItems.PromptVersion);
        Assert.True(orderItems.PromptTokens > 0 && orderItems.CompletionTokens > 0);
    }

    [Fact]
    public async Task Decide_RefusedUpdates_SayWhyAndChangeNothing()
    {
        using var repo = new GitRepository();
        var project = Project();
        await _client.ImportManifestAsync(Import(project, JaffleShop.ManifestV4, repo));
        var proposal = await WaitOpenAsync(project, StgCustomers);

        var unknown = await RefusedAsync(Decide(project, "ada", proposal.Version, new ItemDecision { Column = "nope", Kind = DecisionKind.Approve }));
        var empty = await RefusedAsync(Decide(project, "ada", proposal.Version, new ItemDecision { Column = "customer_id", Kind = DecisionKind.Edit, Text = " " }));
        var stale = await RefusedAsync(Decide(project, "ada", proposal.Version - 1, new ItemDecision { Column = "customer_id", Kind = DecisionKind.Approve }));
        var outsider = await RefusedAsync(Decide(project, "eve", proposal.Version, new ItemDecision { Column = "customer_id", Kind = DecisionKind.Approve }));

        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.Contains("unknown column 'nope'", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("empty text", empty.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, outsider.StatusCode);
        Assert.Contains("not allowed", outsider.Status.Detail, StringComparison.Ordinal);
        var after = await GetAsync(project, StgCustomers);
        Assert.Equal(proposal.Version, after.Version);
        Assert.All(after.Items, item => Assert.Equal(ItemState.Pending, item.State));
    }

    [Fact]
    public async Task ImportManifest_AgainWhileOpen_KeepsHumanEdits()
    {
        using var repo = new GitRepository();
        var project = Project();
        await _client.ImportManifestAsync(Import(project, JaffleShop.ManifestV4, repo));
        var proposal = await WaitOpenAsync(project, "model.jaffle_shop.stg_orders");
        await _client.DecideAsync(Decide(project, "ada", proposal.Version, new ItemDecision { Column = "status", Kind = DecisionKind.Edit, Text = "Where the order is" }, "model.jaffle_shop.stg_orders"));

        var again = await _client.ImportManifestAsync(Import(project, JaffleShop.ManifestV4, repo));

        Assert.Equal(7, again.ProposalsUpdated);
        await Poll.UntilAsync(async () => (await GetAsync(project, "model.jaffle_shop.stg_orders")).Version > proposal.Version + 1, Deadline, "re-import merged");
        var merged = await GetAsync(project, "model.jaffle_shop.stg_orders");
        var status = merged.Items.Single(item => item.Column == "status");
        Assert.Equal(ItemState.Approved, status.State);
        Assert.Equal("Where the order is", status.FinalText);
    }

    [Fact]
    public async Task Decide_ApproveAllThenMerge_ShipsYamlAndFillsAudit()
    {
        using var repo = new GitRepository();
        var project = Project();
        await _client.ImportManifestAsync(Import(project, JaffleShop.ManifestV4, repo));
        var proposal = await WaitOpenAsync(project, StgCustomers);
        var edit = new ItemDecision { Column = "customer_id", Kind = DecisionKind.Edit, Text = "The customer's key" };

        var decided = await _client.DecideAsync(Decide(project, "ada", proposal.Version, edit));
        await _client.DecideAsync(new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "ada", ApproveAll = true, ExpectedVersion = decided.Version });

        var branch = await WaitBranchAsync(repo);
        var head = await WaitAsync(project, StgCustomers, p => p.PullRequestUrl.Length > 0, "pull request opened");
        Assert.Contains(Uri.EscapeDataString(branch), head.PullRequestUrl, StringComparison.Ordinal);
        var mergeCommit = repo.Merge(branch);
        var closed = await WaitAsync(project, StgCustomers, p => p.State == ProposalState.Closed, "closed after the merge");

        Assert.All(closed.Items, item => Assert.Equal(ItemState.Shipped, item.State));
        var yaml = repo.ReadAtHead("models/staging/schema.yml");
        Assert.Contains("      - name: customer_id\n        description: \"The customer's key\"\n        tests: [unique]\n", yaml, StringComparison.Ordinal);
        Assert.StartsWith("version: 2\n\n# kept as written\nmodels:\n  - name: stg_customers\n    description: \"", yaml, StringComparison.Ordinal);
        Assert.EndsWith("  - name: orders\n    description: Orders\n", yaml, StringComparison.Ordinal);
        var audit = await WaitAuditAsync(project, entries => entries.Any(e => e.Kind == "shipped"));
        var shipped = audit.Entries.Single(e => e.Kind == "shipped" && e.Column == "customer_id");
        Assert.Equal(mergeCommit, shipped.MergeCommit);
        Assert.Equal("The customer's key", shipped.FinalText);
        Assert.Equal("ada", shipped.Reviewer);
        Assert.Equal(DecisionKind.Edit, shipped.Decision);
        Assert.False(string.IsNullOrEmpty(shipped.LlmOriginal));
        Assert.Contains(audit.Entries, e => e.Kind == "decision" && e.Column.Length == 0 && e.Decision == DecisionKind.Approve);
    }

    [Fact]
    public async Task PullRequest_ClosedWithoutMerge_ReopensProposal()
    {
        using var repo = new GitRepository();
        var project = Project();
        await _client.ImportManifestAsync(Import(project, JaffleShop.ManifestV4, repo));
        var proposal = await WaitOpenAsync(project, StgCustomers);
        await _client.DecideAsync(new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "root", ApproveAll = true, ExpectedVersion = proposal.Version });
        var branch = await WaitBranchAsync(repo);

        repo.DeleteBranch(branch);

        var reopened = await WaitAsync(project, StgCustomers, p => p.State == ProposalState.Open, "reopened");
        Assert.All(reopened.Items, item => Assert.Equal(ItemState.Pending, item.State));
    }

    [Fact]
    public async Task ImportManifest_BadInput_InvalidArgumentNamingTheField()
    {
        using var repo = new GitRepository();
        using var directory = new TempDirectory();
        var malformed = directory.File("manifest.json");
        await File.WriteAllTextAsync(malformed, "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"}, \"nodes\": [");
        var project = Project();

        var badJson = await Assert.ThrowsAsync<RpcException>(() => _client.ImportManifestAsync(Import(project, malformed, repo)).ResponseAsync);
        var missingRepository = Import(project, JaffleShop.ManifestV4, repo);
        missingRepository.RepositoryPath = directory.File("missing");
        var noRepo = await Assert.ThrowsAsync<RpcException>(() => _client.ImportManifestAsync(missingRepository).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, badJson.StatusCode);
        Assert.StartsWith("manifest_path: manifest.json is not a valid dbt artifact", badJson.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, noRepo.StatusCode);
        Assert.Contains("repository_path", noRepo.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await _client.ListProposalsAsync(new ListProposalsRequest { Project = project })).Proposals);
    }

    private static string Project() => "jaffle-" + Guid.NewGuid().ToString("N")[..8];

    private static ImportManifestRequest Import(string project, string manifest, GitRepository repo, string? catalog = null) => new()
    {
        Project = project,
        ManifestPath = manifest,
        CatalogPath = catalog ?? string.Empty,
        RepositoryPath = repo.Path,
    };

    private static DecideRequest Decide(string project, string reviewer, long version, ItemDecision decision, string uniqueId = StgCustomers)
    {
        var request = new DecideRequest { Project = project, UniqueId = uniqueId, Reviewer = reviewer, ExpectedVersion = version };
        request.Decisions.Add(decision);
        return request;
    }

    private async Task<RpcException> RefusedAsync(DecideRequest request) =>
        await Assert.ThrowsAsync<RpcException>(() => _client.DecideAsync(request).ResponseAsync);

    private async Task<Proposal> GetAsync(string project, string uniqueId) =>
        await _client.GetProposalAsync(new GetProposalRequest { Project = project, UniqueId = uniqueId });

    private Task<Proposal> WaitOpenAsync(string project, string uniqueId) =>
        WaitAsync(project, uniqueId, proposal => proposal.State == ProposalState.Open, "proposal open");

    private async Task<Proposal> WaitAsync(string project, string uniqueId, Func<Proposal, bool> condition, string because)
    {
        Proposal? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    last = await GetAsync(project, uniqueId);
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

    private static async Task<string> WaitBranchAsync(GitRepository repo)
    {
        string? branch = null;
        await Poll.UntilAsync(
            () => (branch = repo.Branches().FirstOrDefault(name => name.StartsWith("dbt-docs/", StringComparison.Ordinal))) is not null,
            Deadline,
            "pull request branch created");
        return branch!;
    }

    private async Task<GetAuditResponse> WaitAuditAsync(string project, Func<IReadOnlyList<AuditEntry>, bool> condition)
    {
        GetAuditResponse? last = null;
        await Poll.UntilAsync(
            async () => condition((last = await _client.GetAuditAsync(new GetAuditRequest { Project = project })).Entries),
            Deadline,
            "audit rows");
        return last!;
    }
}
