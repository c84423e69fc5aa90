using Agentic.LlmGateway.RateLimiting;

namespace Agentic.LlmGateway.Tests.RateLimiting;

public sealed class RateLimitHeadersTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.4, "1ms")]
    [InlineData(20, "20ms")]
    [InlineData(999.2, "1s")]
    [InlineData(1_000, "1s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(59_999, "59.999s")]
    [InlineData(360_000, "6m0s")]
    [InlineData(3_723_000, "1h2m3s")]
    public void FormatDuration_Milliseconds_FormatsLikeOpenAi(double milliseconds, string expected) =>
        Assert.Equal(expected, RateLimitHeaders.FormatDuration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(1, "1")]
    [InlineData(999, "1")]
    [InlineData(1_000, "1")]
    [InlineData(1_001, "2")]
    public void FormatRetryAfterSeconds_PartialSecond_RoundsUp(double milliseconds, string expected) =>
        Assert.Equal(expected, RateLimitHeaders.FormatRetryAfterSeconds(TimeSpan.FromMilliseconds(milliseconds)));
}
