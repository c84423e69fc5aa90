using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// "rate-limiter": healthy while Redis answers; degraded while it does not and every limit fails open
/// (the local limiter keeps traffic moving); unhealthy while it does not and some limit fails closed.
/// </summary>
public sealed class RateLimiterHealthCheck(
    IConnectionMultiplexer redis,
    RateLimiterStatus status,
    IOptions<RateLimitingOptions> options) : IHealthCheck
{
    public const string Name = "rate-limiter";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string? error = null;
        if (redis.IsConnected)
        {
            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(options.Value.RedisTimeout, cancellationToken);
                status.ReportAvailable();
                return HealthCheckResult.Healthy("Redis answers; limits are shared by every gateway instance.");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                error = ex.Message;
            }
        }

        status.ReportUnavailable(error ?? "Redis is not connected.", DateTimeOffset.UtcNow);
        var o = options.Value;
        var anyClosed = o.FailurePolicy == RateLimitFailurePolicy.FailClosed
            || o.DefaultModel.FailurePolicy == RateLimitFailurePolicy.FailClosed
            || o.Models.Values.Any(m => m.FailurePolicy == RateLimitFailurePolicy.FailClosed);
        var description = $"Redis unreachable since {status.UnavailableSince:O}: {status.LastError}";
        return anyClosed
            ? HealthCheckResult.Unhealthy(description + " Fail-closed limits answer 503.")
            : HealthCheckResult.Degraded(description + " Limits fall back to per-instance local limiters.");
    }
}
