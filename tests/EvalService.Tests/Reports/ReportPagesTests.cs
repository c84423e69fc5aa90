using System.Globalization;
using Agentic.EvalService.Judging;
using Agentic.EvalService.Storage;
using Agentic.EvalService.Tests.Integration;
using Microsoft.Playwright;

namespace Agentic.EvalService.Tests.Reports;

/// <summary>
/// The run report and the suite trend in Debian's Chromium (Playwright), over two runs of one suite seeded through
/// <see cref="RunStore"/> in a real PostgreSQL: heat map values, regression rows with both outputs, escalations,
/// and model text that tries to be HTML staying text.
/// </summary>
[Collection(EvalEnvironmentCollection.Name)]
public sealed class ReportPagesTests(EvalEnvironment environment) : IAsyncLifetime
{
    private const string Suite = "report-suite";
    private const string Hostile = "<script>document.title='pwned'</script><b>bold?</b>";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] Judges = ["judge-a", "judge-b", "judge-c"];

    // votes[case][judge] of the current run: 1 pass, 2 fail, null silent.
    private static readonly int?[][] Votes =
    [
        [1, 1, 1], [2, 2, 1], [1, 2, 2], [1, 1, 2], [2, 2, 2], [1, null, 1],
    ];

    private ReportHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _host = await ReportHost.StartAsync(await environment.Postgres.CreateDatabaseAsync("reports"));
        await SeedAsync(_host.Runs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunReport_TwoRunsOfSuite_ShowsHeatMapRegressionsAndUntrustedTextAsText()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = _host!.Address.ToString() });
        var response = await page.GotoAsync("/reports/run?id=run-2");

        Assert.Equal(200, response!.Status);
        Assert.Equal("run-2", await page.InnerTextAsync("#run-id"));
        Assert.Equal("run-1", await page.InnerTextAsync("#previous"));
        for (var a = 0; a < Judges.Length; a++)
        {
            for (var b = 0; b < Judges.Length; b++)
            {
                var expected = a == b ? 1.0 : Agreement.CohenKappa(Column(a), Column(b));
                var cell = page.Locator($"#agreement td.kappa[data-a='{Judges[a]}'][data-b='{Judges[b]}']");
                Assert.Equal(expected.ToString("F2", CultureInfo.InvariantCulture), await cell.InnerTextAsync());
            }
        }

        Assert.Equal(Agreement.FleissKappa(Votes.Select(row => (IReadOnlyList<int?>)row).ToList()).ToString("F2", CultureInfo.InvariantCulture), await page.InnerTextAsync("#fleiss"));
        var heat = await page.Locator("#agreement td.kappa[data-a='judge-a'][data-b='judge-b']").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.StartsWith("rgb(", heat, StringComparison.Ordinal);

        var regression = page.Locator("#regressions tbody tr");
        Assert.Equal(1, await regression.CountAsync());
        Assert.Equal("case-1", await regression.GetAttributeAsync("data-case"));
        Assert.Contains("The answer was fine.", await regression.Locator("td.before").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(Hostile, await regression.Locator("td.now").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#improvements tbody tr").CountAsync());
        Assert.Equal("case-2", await page.Locator("#improvements tbody tr").First.GetAttributeAsync("data-case"));
        Assert.Equal("case-5", await page.Locator("#escalated tbody tr").GetAttributeAsync("data-case"));

        // The model's markup is text: no script element, no bold element, the title untouched.
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("#regressions b").CountAsync());
        Assert.DoesNotContain("pwned", await page.TitleAsync(), StringComparison.Ordinal);

        Assert.Equal("66.7%", await page.InnerTextAsync("#judges tr[data-name='judge-a'] td.pass-rate"));
        Assert.Equal("40.0%", await page.InnerTextAsync("#judges tr[data-name='judge-b'] td.pass-rate"));
        Assert.Equal("50.0%", await page.InnerTextAsync("#checks tr[data-name='no-pii'] td.pass-rate"));
        Assert.Equal("0.0300", await page.InnerTextAsync("#cost"));
    }

    [Fact]
    public async Task Trend_TwoRunsOfSuite_ShowsPassRatePerRunOldestFirst()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = _host!.Address.ToString() });
        await page.GotoAsync("/reports/trend?suite=" + Suite);

        var rows = page.Locator("#trend tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal("run-1", await rows.Nth(0).GetAttributeAsync("data-run"));
        Assert.Equal("60.0%", await rows.Nth(0).Locator("td.pass-rate").InnerTextAsync());
        Assert.Equal("run-2", await rows.Nth(1).GetAttributeAsync("data-run"));
        Assert.Equal("80.0%", await rows.Nth(1).Locator("td.pass-rate").InnerTextAsync());
        Assert.Equal(2, await page.Locator("#trend-chart circle.point").CountAsync());
    }

    [Fact]
    public async Task RunReport_UnknownRun_IsNotFound()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = _host!.Address.ToString() });

        var response = await page.GotoAsync("/reports/run?id=no-such-run");

        Assert.Equal(404, response!.Status);
    }

    private static List<int?> Column(int judge) => Votes.Select(row => row[judge]).ToList();

    /// <summary>
    /// run-1: cases 0–4 passed except cases 2 and 4 (pass rate 3/5). run-2: case 1 regresses (its output is hostile
    /// markup), cases 2 and 4 improve, case 5 is escalated (pass rate 4/5).
    /// </summary>
    private static async Task SeedAsync(RunStore runs)
    {
        await runs.CreateAsync(new NewRun("run-1", "h1", Suite, 1, "inline", "jsonl", null, "twice-daily"), None);
        await runs.MarkRunningAsync("run-1", 5, None);
        await runs.SaveCasesAsync("run-1", [.. Enumerable.Range(0, 5).Select(i => Case("run-1", i, i is 2 or 4 ? CaseState.Failed : CaseState.Passed, "The answer was fine."))], [], None);
        await runs.FinishAsync("run-1", EvalRunState.Completed, null, None);

        await runs.CreateAsync(new NewRun("run-2", "h2", Suite, 1, "inline", "jsonl", null, "twice-daily"), None);
        await runs.MarkRunningAsync("run-2", 6, None);
        CaseState[] states = [CaseState.Passed, CaseState.Failed, CaseState.Passed, CaseState.Passed, CaseState.Passed, CaseState.Escalated];
        var cases = states.Select((state, i) => Case("run-2", i, state, i == 1 ? Hostile : "Another answer.") with { CostUsd = 0.005 }).ToList();
        var verdicts = Votes.SelectMany((row, i) => row.Select((vote, j) => vote is { } v
            ? new StoredJudgeVerdict("run-2", $"case-{i}", Judges[j], "sim-chat", true, v == 1 ? 0.9 : 0.1, v == 1, null, "reason <i>", "")
            : new StoredJudgeVerdict("run-2", $"case-{i}", Judges[j], "sim-chat", false, null, null, null, "", "timed out"))).ToList();
        await runs.SaveCasesAsync("run-2", cases, verdicts, None);
        await runs.FinishAsync("run-2", EvalRunState.Completed, null, None);
    }

    private static StoredCase Case(string runId, int index, CaseState state, string output) => new(
        runId, $"case-{index}", index, $"question {index}", output, null, null, null, state,
        state == CaseState.Escalated ? null : state == CaseState.Passed ? 0.9 : 0.2, null,
        $$"""[{"id": "no-pii", "type": "pii", "passed": {{(index % 2 == 0 ? "true" : "false")}}, "score": {{(index % 2 == 0 ? 1 : 0)}}}]""",
        state == CaseState.Escalated ? """{"agreement": 0.5, "answered": 2, "quorumMet": true}""" : null,
        null, 100, 20, 0);
}
