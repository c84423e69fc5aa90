using System.Net;
using System.Text;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.Tests.Integration;

namespace Agentic.ApprovalService.Tests.GitHub;

[Collection(ApprovalEnvironmentCollection.Name)]
public class GitHubWebhookTests(ApprovalEnvironment environment)
{
    private const string Body =
        "{\"action\": \"closed\", \"pull_request\": {\"number\": 7, \"merged\": true, \"merge_commit_sha\": \"abc123\", " +
        "\"closed_at\": \"2026-11-30T00:00:00Z\", \"head\": {\"ref\": \"dbt-docs/no-such-project-0123456789ab\"}}}";

    [Fact]
    public async Task Webhook_BadSignature_Unauthorized()
    {
        using var http = new HttpClient { BaseAddress = environment.Service.PortalAddress };

        using var response = await http.SendAsync(Request(Guid.NewGuid().ToString(), WebhookSignature.Sign("another-secret", Encoding.UTF8.GetBytes(Body))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Hub-Signature-256", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_ReplayedDelivery_Ignored()
    {
        using var http = new HttpClient { BaseAddress = environment.Service.PortalAddress };
        var delivery = Guid.NewGuid().ToString();
        var signature = WebhookSignature.Sign(ApprovalServiceHost.WebhookSecret, Encoding.UTF8.GetBytes(Body));

        using var first = await http.SendAsync(Request(delivery, signature));
        using var replay = await http.SendAsync(Request(delivery, signature));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains("no-such-project", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already handled", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignatureOfOtherBody_False()
    {
        var signature = WebhookSignature.Sign("s", Encoding.UTF8.GetBytes("{}"));

        Assert.True(WebhookSignature.Verify("s", Encoding.UTF8.GetBytes("{}"), signature));
        Assert.False(WebhookSignature.Verify("s", Encoding.UTF8.GetBytes("{ }"), signature));
        Assert.False(WebhookSignature.Verify("s", Encoding.UTF8.GetBytes("{}"), null));
    }

    private static HttpRequestMessage Request(string delivery, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/github")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", signature);
        return request;
    }
}
