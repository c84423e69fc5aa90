namespace Agentic.LlmGateway.Tests.Simulation;

/// <summary>One simulated provider with default settings shared by a test class.</summary>
public sealed class SimulatedProviderFixture : IAsyncLifetime
{
    public SimulatedProviderHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await SimulatedProviderHost.StartAsync(new Dictionary<string, string?>
    {
        ["Simulation:RetryAfter"] = "00:00:01.500",
        ["Simulation:SlowStreamChunkDelay"] = "00:00:00.020",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
