using Agentic.Approval.V1;
using Agentic.ApprovalService.Tests.Integration;
using Agentic.Testing;
using Grpc.Core;
using Microsoft.Playwright;

namespace Agentic.ApprovalService.Tests.Portal;

/// <summary>The portal in Debian's Chromium: LLM text with markup stays text, and an escalated proposal is badged in the queue.</summary>
[Collection(ApprovalEnvironmentCollection.Name)]
public class PortalSafetyTests(ApprovalEnvironment environment)
{
    private const string StgCustomers = "model.jaffle_shop.stg_customers";
    private const string ScriptDraft = "Customers <script>window.__xss = 1; alert('xss')</script> staged";
    private const string ImageDraft = "<img src=x onerror=\"window.__xss = 2\">Key";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Portal_ScriptInLlmDraftAndEscalation_ShownAsTextAndBadged()
    {
        // Real time, short waits: the escalation comes within seconds and the proposal stays open for a day.
        await using var service = await environment.StartServiceAsync(
            "approval-portal-" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string?>
            {
                ["Approval:ReminderAfter"] = "00:00:01",
                ["Approval:EscalationAfter"] = "00:00:02",
                ["Approval:ExpiryAfter"] = "1.00:00:00",
            });
        using var repo = new GitRepository();
        var project = "safety-" + Guid.NewGuid().ToString("N")[..8];
        await service.Client.ImportManifestAsync(new ImportManifestRequest { Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = repo.Path });
        await Poll.UntilAsync(async () => (await GetAsync(service, project)).State == ProposalState.Open, Deadline, "proposal drafted");
        // The simulated provider answers the "xss-probe" feedback with markup, as a misled model might.
        var redrafted = await service.Client.RegenerateAsync(new RegenerateRequest { Project = project, UniqueId = StgCustomers, Reviewer = "ada", Feedback = "xss-probe" });
        Assert.Contains(redrafted.Items, item => item.DraftText == ScriptDraft);
        await Poll.UntilAsync(async () => (await GetAsync(service, project)).Escalated, Deadline, "escalated");

        await using var portal = await PortalBrowser.SignInAsync(service, "ada");
        var page = portal.Page;

        await page.GotoAsync($"/Table?project={project}&id={StgCustomers}");
        var tableDraft = page.Locator("tr[data-item='(table)'] td.draft");
        await Assertions.Expect(tableDraft).ToContainTextAsync(ScriptDraft);
        await Assertions.Expect(page.Locator("tr[data-item='customer_id'] td.draft")).ToContainTextAsync(ImageDraft);
        Assert.Equal(0, await page.Locator("#items script, #items img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a script from the draft ran");

        await page.GotoAsync("/Queue");
        await Assertions.Expect(page.Locator("#escalated-count")).ToBeVisibleAsync();
        var row = page.Locator("#results tr", new PageLocatorOptions { HasText = project }).Filter(new LocatorFilterOptions { HasText = "stg_customers" });
        await Assertions.Expect(row.Locator(".badge.escalated")).ToBeVisibleAsync();
        var notice = page.Locator("#notifications tr.escalation", new PageLocatorOptions { HasText = project }).Filter(new LocatorFilterOptions { HasText = "stg_customers" });
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), "a script from the draft ran");
        Assert.Equal(0, portal.Dialogs);
    }

    private static async Task<Proposal> GetAsync(ApprovalServiceHost service, string project)
    {
        try
        {
            return await service.Client.GetProposalAsync(new GetProposalRequest { Project = project, UniqueId = StgCustomers });
        }
        catch (RpcException)
        {
            return new Proposal();
        }
    }
}
