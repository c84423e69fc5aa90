using Agentic.LlmGateway.RateLimiting;

namespace Microsoft.Extensions.Hosting;

public static class RateLimitingExtensions
{
    /// <summary>
    /// Registers <see cref="ITokenRateLimiter"/> (Redis-backed), its options (section "RateLimiting"),
    /// the token estimator and the limiter's health check.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        // Filled in by the rate-limiting work.
        return builder;
    }
}
