using Agentic.ApprovalService.Tests.Integration;
using Microsoft.Playwright;

namespace Agentic.ApprovalService.Tests.Portal;

/// <summary>Debian's Chromium on one portal page, signed in as a test user, counting every dialog a page opens.</summary>
internal sealed class PortalBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PortalBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        // A dialog would mean markup from a draft ran as script; count it and let the page go on.
        page.Dialog += (_, dialog) =>
        {
            Dialogs++;
            _ = dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    public int Dialogs { get; private set; }

    public static async Task<PortalBrowser> SignInAsync(ApprovalServiceHost service, string user)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            // Playwright gives the browser a fresh temporary profile of its own; never "playwright install" here.
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                ],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = service.PortalAddress.ToString() });
            var portal = new PortalBrowser(playwright, browser, page);
            await page.GotoAsync("/");
            await page.FillAsync("#name", user);
            await page.FillAsync("#password", ApprovalServiceHost.Password);
            await page.ClickAsync("#sign-in");
            await page.WaitForSelectorAsync("#signed-in");
            return portal;
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
