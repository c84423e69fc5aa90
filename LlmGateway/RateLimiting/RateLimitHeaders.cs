using System.Globalization;
using System.Text;

namespace Agentic.LlmGateway.RateLimiting;

/// <summary>Builds OpenAI's rate-limit headers.</summary>
public static class RateLimitHeaders
{
    public const string RetryAfter = "Retry-After";
    public const string RetryAfterMs = "retry-after-ms";
    public const string LimitRequests = "x-ratelimit-limit-requests";
    public const string LimitTokens = "x-ratelimit-limit-tokens";
    public const string RemainingRequests = "x-ratelimit-remaining-requests";
    public const string RemainingTokens = "x-ratelimit-remaining-tokens";
    public const string ResetRequests = "x-ratelimit-reset-requests";
    public const string ResetTokens = "x-ratelimit-reset-tokens";

    /// <summary>
    /// A duration the way OpenAI writes it (Go's duration format): "0s", "250ms", "1s", "1.5s", "6m0s", "1h2m3s".
    /// Rounded up to the millisecond so a client that waits this long is never early.
    /// </summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var ms = (long)Math.Ceiling(Math.Max(0, duration.TotalMilliseconds));
        if (ms == 0)
        {
            return "0s";
        }

        if (ms < 1000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
        }

        var builder = new StringBuilder();
        var hours = ms / 3_600_000;
        var minutes = ms / 60_000 % 60;
        var seconds = ms % 60_000 / 1000.0;
        if (hours > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        builder.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return builder.ToString();
    }

    /// <summary>Retry-After in whole seconds, rounded up (at least 1 for any positive wait).</summary>
    public static string FormatRetryAfterSeconds(TimeSpan retryAfter) =>
        ((long)Math.Ceiling(Math.Max(0, retryAfter.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
}
