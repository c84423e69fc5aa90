using Agentic.LlmGateway.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>AddGatewayRateLimiting wires options, Redis from ConnectionStrings:redis, the limiter and the health check.</summary>
public sealed class RateLimitingRegistrationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AddGatewayRateLimiting_ConfiguredSection_LimiterEnforcesConfiguredModelLimit()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.Server.ConnectionString,
            ["RateLimiting:KeyPrefix"] = "reg" + Guid.NewGuid().ToString("N")[..8],
            ["RateLimiting:Models:gpt-4o:RequestsPerMinute"] = "2",
            ["RateLimiting:Models:gpt-4o:FailurePolicy"] = "FailClosed",
            ["RateLimiting:BurstSeconds"] = "60",
        });
        builder.AddGatewayRateLimiting();
        using var host = builder.Build();
        await host.StartAsync();

        var limiter = host.Services.GetRequiredService<ITokenRateLimiter>();
        var request = new RateLimitRequest("alice", "gpt-4o", "interactive", 10);
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 3; i++)
        {
            decisions.Add(await limiter.AcquireAsync(request, CancellationToken.None));
        }

        Assert.Equal([true, true, false], decisions.Select(d => d.Allowed));
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Entries[RateLimiterHealthCheck.Name].Status);
        Assert.NotNull(host.Services.GetRequiredService<ITokenEstimator>());
        await host.StopAsync();
    }

    [Fact]
    public void AddGatewayRateLimiting_MultiplexerAlreadyRegistered_KeepsIt()
    {
        var builder = Host.CreateApplicationBuilder();
        var existing = ConnectionMultiplexer.Connect(RedisConnectionOptions.Create(redis.Server.ConnectionString, TimeSpan.FromSeconds(1)));
        builder.Services.AddSingleton<IConnectionMultiplexer>(existing);
        builder.AddGatewayRateLimiting();
        using var host = builder.Build();

        Assert.Same(existing, host.Services.GetRequiredService<IConnectionMultiplexer>());
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IConnectionMultiplexer));
    }

    [Fact]
    public async Task AddGatewayRateLimiting_InvalidSection_FailsAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.Server.ConnectionString,
            ["RateLimiting:InteractiveReservedShare"] = "1.5",
        });
        builder.AddGatewayRateLimiting();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("InteractiveReservedShare", error.Message, StringComparison.Ordinal);
    }
}
