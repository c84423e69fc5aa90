namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>The system clock shifted by a fixed offset: a gateway host whose clock is wrong.</summary>
internal sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + offset;
}
