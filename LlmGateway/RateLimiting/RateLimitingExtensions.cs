using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agentic.LlmGateway.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>
    /// Registers <see cref="ITokenRateLimiter"/> (Redis-backed), its options (section "RateLimiting"),
    /// the token estimator and the limiter's health check.
    /// </summary>
    /// <remarks>
    /// Redis comes from <c>ConnectionStrings:redis</c> (Aspire's <c>WithReference(redis)</c>); an
    /// <see cref="IConnectionMultiplexer"/> registered before this call is used as is.
    /// </remarks>
    public static IHostApplicationBuilder AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitingOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RateLimiterStatus>();
        services.TryAddSingleton<ITokenEstimator, TiktokenTokenEstimator>();

        if (!services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            services.AddSingleton<IConnectionMultiplexer>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString(options.ConnectionName);
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"The rate limiter needs Redis: set ConnectionStrings:{options.ConnectionName} (Aspire: WithReference(redis)).");
                }

                return ConnectionMultiplexer.Connect(RedisConnectionOptions.Create(connectionString, options.RedisTimeout));
            });
        }

        services.TryAddSingleton<ITokenRateLimiter, RedisTokenRateLimiter>();
        services.AddHealthChecks().AddCheck<RateLimiterHealthCheck>(RateLimiterHealthCheck.Name);
        return builder;
    }
}
