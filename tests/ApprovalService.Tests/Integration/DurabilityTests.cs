using Agentic.Approval.V1;
using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Workflows;
using Agentic.Testing;
using Grpc.Core;
using Temporalio.Common;
using Temporalio.Worker;

namespace Agentic.ApprovalService.Tests.Integration;

[Collection(ApprovalEnvironmentCollection.Name)]
public class DurabilityTests(ApprovalEnvironment environment)
{
    private const string StgCustomers = "model.jaffle_shop.stg_customers";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Decide_AfterWorkerRestartWhileWaiting_Applies()
    {
        using var repo = new GitRepository();
        var project = "restart-" + Guid.NewGuid().ToString("N")[..8];
        var queue = "approval-restart-" + Guid.NewGuid().ToString("N")[..8];
        Proposal proposal;
        await using (var first = await environment.StartServiceAsync(queue))
        {
            await first.Client.ImportManifestAsync(new ImportManifestRequest { Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = repo.Path });
            proposal = await WaitAsync(first.Client, project, p => p.State == ProposalState.Open);
        }

        await using var second = await environment.StartServiceAsync(queue);
        var request = new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "ada", ExpectedVersion = proposal.Version };
        request.Decisions.Add(new ItemDecision { Column = "customer_id", Kind = DecisionKind.Edit, Text = "Key of the customer" });
        var decided = await second.Client.DecideAsync(request);

        Assert.Equal(ItemState.Approved, decided.Items.Single(item => item.Column == "customer_id").State);
        Assert.Equal(proposal.Version + 1, decided.Version);
    }

    [Fact]
    public async Task DescribeModel_ManyDecisions_ContinuesAsNewKeepingState()
    {
        using var repo = new GitRepository();
        var project = "carry-" + Guid.NewGuid().ToString("N")[..8];
        var queue = "approval-carry-" + Guid.NewGuid().ToString("N")[..8];
        await using var service = await environment.StartServiceAsync(queue, new Dictionary<string, string?> { ["Approval:EventsPerRun"] = "1" });
        await service.Client.ImportManifestAsync(new ImportManifestRequest { Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = repo.Path });
        var proposal = await WaitAsync(service.Client, project, p => p.State == ProposalState.Open);
        var handle = environment.Emulator.Client.GetWorkflowHandle(ProposalClient.WorkflowId(project, StgCustomers));
        var firstRun = (await handle.DescribeAsync()).RunId;

        var request = new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "ada", ExpectedVersion = proposal.Version };
        request.Decisions.Add(new ItemDecision { Column = "customer_id", Kind = DecisionKind.Reject, Reason = "says nothing" });
        await service.Client.DecideAsync(request);

        await Poll.UntilAsync(async () => (await handle.DescribeAsync()).RunId != firstRun, Deadline, "continued as new");
        var carried = await WaitAsync(service.Client, project, p => p.Items.Any(item => item.State == ItemState.Rejected));
        var rejected = carried.Items.Single(item => item.Column == "customer_id");
        Assert.Equal("says nothing", rejected.Reason);
        Assert.Equal(ProposalState.Open, carried.State);
        Assert.Equal(proposal.OpenedAt, carried.OpenedAt);
    }

    [Fact]
    public async Task Replay_EveryWorkflowOfAFullLoop_IsDeterministic()
    {
        using var repo = new GitRepository();
        var project = "replay-" + Guid.NewGuid().ToString("N")[..8];
        var client = environment.Service.Client;
        await client.ImportManifestAsync(new ImportManifestRequest { Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = repo.Path });
        var proposal = await WaitAsync(client, project, p => p.State == ProposalState.Open);
        var refused = new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "eve", ApproveAll = true };
        await Assert.ThrowsAsync<RpcException>(() => client.DecideAsync(refused).ResponseAsync);
        await client.RegenerateAsync(new RegenerateRequest { Project = project, UniqueId = StgCustomers, Reviewer = "ada", Feedback = "shorter" });
        await client.DecideAsync(new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "ada", ApproveAll = true });
        string? branch = null;
        await Poll.UntilAsync(() => (branch = repo.Branches().FirstOrDefault(b => b.StartsWith("dbt-docs/", StringComparison.Ordinal))) is not null, Deadline, "branch");
        repo.Merge(branch!);
        await WaitAsync(client, project, p => p.State == ProposalState.Closed);

        var temporal = environment.Emulator.Client;
        var histories = new List<WorkflowHistory>();
        await foreach (var execution in temporal.ListWorkflowsAsync("WorkflowType = 'DescribeModelWorkflow' OR WorkflowType = 'PullRequestWorkflow'"))
        {
            if (execution.Id.Contains(project, StringComparison.Ordinal))
            {
                histories.Add(await temporal.GetWorkflowHandle(execution.Id, execution.RunId).FetchHistoryAsync());
            }
        }

        Assert.Contains(histories, history => history.Id == ProposalClient.WorkflowId(project, StgCustomers));
        Assert.Contains(histories, history => history.Id == PullRequestWorkflow.WorkflowId(project));
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<DescribeModelWorkflow>().AddWorkflow<PullRequestWorkflow>());
        foreach (var history in histories)
        {
            // Throws when the code would not make the same decisions the history records.
            await replayer.ReplayWorkflowAsync(history);
        }

        Assert.True(proposal.Version > 0);
    }

    private static async Task<Proposal> WaitAsync(
        Approval.V1.ApprovalService.ApprovalServiceClient client, string project, Func<Proposal, bool> condition)
    {
        Proposal? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    last = await client.GetProposalAsync(new GetProposalRequest { Project = project, UniqueId = StgCustomers });
                    return condition(last);
                }
                catch (RpcException)
                {
                    return false;
                }
            },
            Deadline,
            "proposal state");
        return last!;
    }
}
