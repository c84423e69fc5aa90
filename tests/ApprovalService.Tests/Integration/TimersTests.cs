using Agentic.Approval.V1;
using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Tests.Integration;

[Collection(ApprovalEnvironmentCollection.Name)]
public class TimersTests(ApprovalEnvironment environment)
{
    [Fact]
    public async Task DescribeModel_NobodyDecides_RemindsAt3EscalatesAt7ExpiresAt30VirtualDays()
    {
        using var repo = new GitRepository();
        var project = "timers-" + Guid.NewGuid().ToString("N")[..8];
        var started = DateTime.UtcNow;

        await environment.SkippingService.Client.ImportManifestAsync(new ImportManifestRequest
        {
            Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = repo.Path,
        });

        var handle = environment.SkippingEmulator.Client.GetWorkflowHandle<DescribeModelWorkflow>(
            ProposalClient.WorkflowId(project, "model.jaffle_shop.stg_customers"));
        var result = await handle.GetResultAsync<DescribeModelResult>();
        var view = await handle.QueryAsync(workflow => workflow.View);

        Assert.Equal(ProposalStatus.Expired, result.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(1), "30 virtual days took a minute or more");
        AssertNear(TimeSpan.FromDays(3), view.RemindedAt!.Value - view.OpenedAt);
        AssertNear(TimeSpan.FromDays(7), view.EscalatedAt!.Value - view.OpenedAt);
        AssertNear(TimeSpan.FromDays(30), view.ExpiredAt!.Value - view.OpenedAt);
        Assert.All(view.Items, item => Assert.Equal(ItemStatus.Expired, item.Status));
    }

    private static void AssertNear(TimeSpan expected, TimeSpan actual) =>
        Assert.True(actual >= expected && actual < expected + TimeSpan.FromMinutes(5), $"expected about {expected}, was {actual}");
}
