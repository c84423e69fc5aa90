using System.Text.Json;
using Agentic.Approval.V1;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.ReadModel;
using Agentic.ApprovalService.Tests.Integration;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.ApprovalService.Tests.Notifications;

[Collection(ApprovalEnvironmentCollection.Name)]
public class EscalationTests(ApprovalEnvironment environment)
{
    private const string StgCustomers = "model.jaffle_shop.stg_customers";
    private const string Secret = "notification-secret";

    [Fact]
    public async Task NotifyAsync_EscalationAt7VirtualDays_KeptForTheQueueAndSignedToTheWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var service = await environment.StartServiceAsync(
            "approval-notify-" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string?> { ["Approval:Notifications:WebhookUrl"] = receiver.Address.ToString(), ["Approval:Notifications:WebhookSecret"] = Secret },
            skipping: true);
        using var repo = new GitRepository();
        var project = "notify-" + Guid.NewGuid().ToString("N")[..8];

        await service.Client.ImportManifestAsync(new ImportManifestRequest { Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = repo.Path });
        var handle = environment.SkippingEmulator.Client.GetWorkflowHandle<DescribeModelWorkflow>(ProposalClient.WorkflowId(project, StgCustomers));
        await handle.GetResultAsync<DescribeModelResult>();
        var view = await handle.QueryAsync(workflow => workflow.View);

        var store = service.Services.GetRequiredService<ProposalStore>();
        var kept = (await store.NotificationsAsync(["Data-Engineering"], 1000, CancellationToken.None))
            .Where(n => n.Project == project && n.UniqueId == StgCustomers).ToList();
        Assert.Equal(["expired", "escalation", "reminder"], kept.Select(n => n.Kind));
        var escalation = kept.Single(n => n.Kind == "escalation");
        AssertSameTime(view.EscalatedAt!.Value, escalation.At);
        Assert.InRange(escalation.At - view.OpenedAt, TimeSpan.FromDays(7), TimeSpan.FromDays(7) + TimeSpan.FromMinutes(5));
        Assert.Equal("data-engineering", escalation.OwnerGroup);
        Assert.All(kept, n => Assert.Equal("delivered", n.WebhookStatus));
        Assert.Empty(await store.NotificationsAsync(["marketing"], 1000, CancellationToken.None));

        var delivered = receiver.Deliveries
            .Select(d => (d.Body, d.Signature, Json: JsonDocument.Parse(d.Body).RootElement))
            .Where(d => d.Json.GetProperty("project").GetString() == project && d.Json.GetProperty("unique_id").GetString() == StgCustomers)
            .ToList();
        var hook = Assert.Single(delivered, d => d.Json.GetProperty("kind").GetString() == "escalation");
        Assert.True(WebhookSignature.Verify(Secret, hook.Body, hook.Signature), "the delivery is signed with the configured secret");
        Assert.False(WebhookSignature.Verify("another-secret", hook.Body, hook.Signature));
        Assert.Equal("data-engineering", hook.Json.GetProperty("group").GetString());
        Assert.Equal(3, delivered.Count);
        var row = Assert.Single(await store.SearchAsync(new ProposalQuery("stg_customers", project, null, [], 10), CancellationToken.None));
        Assert.Equal(ProposalStatus.Expired, row.Summary.Status);
        AssertSameTime(view.EscalatedAt.Value, row.EscalatedAt!.Value);
    }

    // PostgreSQL keeps microseconds; .NET ticks are finer.
    private static void AssertSameTime(DateTime expected, DateTime actual) =>
        Assert.True((expected - actual).Duration() < TimeSpan.FromMilliseconds(1), $"expected {expected:O}, was {actual:O}");
}
