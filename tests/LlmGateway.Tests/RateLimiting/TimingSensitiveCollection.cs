namespace Agentic.LlmGateway.Tests.RateLimiting;

/// <summary>Tests that measure rates or stop Redis run alone, so other tests do not steal the two CPU cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Rate limiter timing";
}
