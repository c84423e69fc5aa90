using System.Globalization;
using System.Net;
using System.Text.Json;
using Agentic.LlmGateway.RateLimiting;
using Agentic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>The gateway's own limits: 429 with consistent headers, the interactive share, and settlement against reported usage.</summary>
public sealed class GatewayRateLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ChatCompletions_OverRequestLimit_429WithConsistentHeadersAndInteractiveStillServed()
    {
        // 10 requests a minute for the model with a minute of burst; batch callers see 8 (20 % is kept for interactive traffic).
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?> { ["RateLimiting:BurstSeconds"] = "60" }, requestsPerMinute: 10);
        using var batch = GatewayHarness.Http(server, server.ApiKey);
        using var interactive = GatewayHarness.Http(server, server.InteractiveApiKey);
        for (var i = 0; i < 8; i++)
        {
            using var ok = await batch.PostAsync("v1/chat/completions", GatewayHarness.Chat());
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("8", ok.Headers.GetValues(RateLimitHeaders.LimitRequests).Single());
            Assert.Equal((7 - i).ToString(CultureInfo.InvariantCulture), ok.Headers.GetValues(RateLimitHeaders.RemainingRequests).Single());
        }

        using var refused = await batch.PostAsync("v1/chat/completions", GatewayHarness.Chat());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfterMs = long.Parse(refused.Headers.GetValues(RateLimitHeaders.RetryAfterMs).Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfterMs, 1, 6_000); // one request comes back every 6 s
        Assert.Equal(((long)Math.Ceiling(retryAfterMs / 1000.0)).ToString(CultureInfo.InvariantCulture), refused.Headers.GetValues(RateLimitHeaders.RetryAfter).Single());
        Assert.Equal("0", refused.Headers.GetValues(RateLimitHeaders.RemainingRequests).Single());
        Assert.Equal("8", refused.Headers.GetValues(RateLimitHeaders.LimitRequests).Single());
        Assert.Equal(RateLimitHeaders.FormatDuration(TimeSpan.FromMilliseconds(retryAfterMs)), refused.Headers.GetValues(RateLimitHeaders.ResetRequests).Single());
        Assert.True(refused.Headers.Contains(RateLimitHeaders.RemainingTokens));
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("rate_limit_exceeded", body.RootElement.GetProperty("error").GetProperty("code").GetString());

        using var reserved = await interactive.PostAsync("v1/chat/completions", GatewayHarness.Chat());
        Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_Settled_TokensChargedEqualReportedUsage(bool stream)
    {
        // 600 tokens a minute with an hour of burst: 36 000 tokens of capacity that refill at only 10 a second.
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["RateLimiting:BurstSeconds"] = "3600",
        }, tokensPerMinute: 600);
        const long Capacity = 36_000;
        using var client = GatewayHarness.Http(server, server.InteractiveApiKey);

        using var response = await client.PostAsync("v1/chat/completions",
            GatewayHarness.Chat("Explain settlement in two sentences.", stream: stream, maxTokens: 2_000, includeUsage: stream));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reported = ReportedTotal(await response.Content.ReadAsStringAsync(), stream);
        // The reservation (prompt + 2 000) was far above what the call used.
        Assert.InRange(reported, 1, 500);

        // Settlement follows the response; probe the limiter (zero tokens) until it shows the usage, not the reservation.
        var limiter = server.Services.GetRequiredService<ITokenRateLimiter>();
        long remaining = 0;
        await Poll.UntilAsync(async () =>
        {
            var probe = await limiter.AcquireAsync(new RateLimitRequest("probe", "sim-chat", "interactive", 0), CancellationToken.None);
            remaining = long.Parse(probe.Headers[RateLimitHeaders.RemainingTokens], CultureInfo.InvariantCulture);
            return remaining > Capacity - 1_000;
        }, TimeSpan.FromSeconds(10), "the reservation is settled");

        // Up to 10 tokens a second refill while the test runs; the reservation alone would be off by ~2 000.
        Assert.InRange(remaining, Capacity - reported - 1, Capacity - reported + 50);
    }

    private static long ReportedTotal(string body, bool stream)
    {
        var json = stream
            ? body.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal)).Select(l => l[6..]).Last(l => l.Contains("\"usage\":{", StringComparison.Ordinal))
            : body;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt64();
    }
}
