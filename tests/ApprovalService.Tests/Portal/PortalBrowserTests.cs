using Agentic.Approval.V1;
using Agentic.ApprovalService.Tests.Integration;
using Agentic.Testing;

namespace Agentic.ApprovalService.Tests.Portal;

/// <summary>The portal in Debian's Chromium, driven by Playwright: what a reviewer does, end to end.</summary>
[Collection(ApprovalEnvironmentCollection.Name)]
public class PortalBrowserTests(ApprovalEnvironment environment)
{
    private const string StgCustomers = "model.jaffle_shop.stg_customers";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Portal_SignInSearchEditApproveMerge_ShowsPullRequestAndAudit()
    {
        using var repo = new GitRepository();
        var project = "portal-" + Guid.NewGuid().ToString("N")[..8];
        var service = environment.Service;
        await service.Client.ImportManifestAsync(new ImportManifestRequest { Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = repo.Path });
        await Poll.UntilAsync(
            async () => (await service.Client.GetProposalAsync(new GetProposalRequest { Project = project, UniqueId = StgCustomers })).State == ProposalState.Open,
            Deadline,
            "proposal drafted");

        await using var portal = await PortalBrowser.SignInAsync(service, "ada");
        var page = portal.Page;
        Assert.Equal("ada", await page.InnerTextAsync("#signed-in"));

        // Search, open the table.
        await page.FillAsync("#q", "stg_customers");
        await page.FillAsync("#project", project);
        await page.ClickAsync("#search");
        await page.ClickAsync("#results a:text('stg_customers')");
        await page.WaitForSelectorAsync("#items");

        // Edit a column with text that must stay text, then approve what is left.
        const string edited = "Customer key <script>alert(1)</script>";
        var row = page.Locator("tr[data-item='customer_id']");
        await row.Locator(".edit-text").FillAsync(edited);
        await row.Locator("button.edit").ClickAsync();
        await page.WaitForSelectorAsync("tr[data-item='customer_id'] td.state:text('Approved')");
        Assert.Contains(edited, await page.Locator("tr[data-item='customer_id'] .diff").InnerTextAsync(), StringComparison.Ordinal);
        // A post without the anti-forgery token is refused, signed in or not.
        var forged = await page.EvaluateAsync<int>(
            "async () => (await fetch(location.href.split('?')[0] + '?handler=ApproveAll&project=" + project + "&id=" + StgCustomers
            + "', { method: 'POST', body: new URLSearchParams({ version: '0' }) })).status");
        Assert.Equal(400, forged);
        await page.ClickAsync("#approve-all");
        await page.WaitForSelectorAsync("#proposal-state:text-matches('Shipping|Open')");

        // The pull request opens; a person merges it in the local repository.
        string? branch = null;
        await Poll.UntilAsync(() => (branch = repo.Branches().FirstOrDefault(b => b.StartsWith("dbt-docs/", StringComparison.Ordinal))) is not null, Deadline, "branch");
        await page.GotoAsync($"/PullRequests?project={project}");
        var merge = repo.Merge(branch!);
        await Poll.UntilAsync(
            async () =>
            {
                await page.GotoAsync($"/PullRequests?project={project}");
                return (await page.Locator("#merged .merge-commit").AllInnerTextsAsync()).Contains(merge);
            },
            Deadline,
            "merged pull request listed");

        // The audit of the table shows who decided what, and the merge.
        await page.GotoAsync($"/Audit?project={project}&id={StgCustomers}");
        var audit = await page.InnerTextAsync("#audit");
        Assert.Contains(edited, audit, StringComparison.Ordinal);
        Assert.Contains("shipped", audit, StringComparison.Ordinal);
        Assert.Contains(merge, audit, StringComparison.Ordinal);
        Assert.Equal(0, portal.Dialogs);
    }
}
