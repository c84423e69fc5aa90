using System.Net;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>The eval-service resource on the dashboard links its offline runs' reports, and the link answers.</summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class EvalReportsLinkTests(LocalAppHostFixture fixture)
{
    [Fact]
    public async Task EvalService_DashboardResource_LinksReportsThatAnswer200()
    {
        var notifications = fixture.App.Services.GetRequiredService<ResourceNotificationService>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var resource = await notifications.WaitForResourceAsync(
            "eval-service", e => e.Snapshot.Urls.Any(url => url.DisplayProperties.DisplayName == "Eval reports"), deadline.Token);
        var link = resource.Snapshot.Urls.Single(url => url.DisplayProperties.DisplayName == "Eval reports");
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(link.Url), deadline.Token);

        Assert.Equal("/reports", new Uri(link.Url).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(deadline.Token), StringComparison.OrdinalIgnoreCase);
    }
}
