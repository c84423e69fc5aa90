using Microsoft.Extensions.DependencyInjection;

namespace Agentic.LocalGateway;

/// <summary>How to start an in-process gateway for tests and benchmarks.</summary>
public sealed class LlmGatewayServerOptions
{
    public required string RedisConnectionString { get; init; }

    /// <summary>Simulated provider latency (fixed: no jitter).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Share of upstream calls the simulated provider answers with 429 (passed on to callers: the test gateway does not retry).</summary>
    public double RateLimitFaultRate { get; init; }

    /// <summary>Share of upstream calls the simulated provider answers with 500 (passed on to callers as 502).</summary>
    public double ServerErrorFaultRate { get; init; }

    /// <summary>Per-model request limit on the sim models; null = limits far above any load (the limiter still decides every call).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Per-model token limit on the sim models; null = far above any load.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Extra configuration overrides, applied last (e.g. "LlmGateway:Resilience:MaxAttemptsPerDeployment").</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Extra service registrations applied after the gateway's (e.g. a log capture provider).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
