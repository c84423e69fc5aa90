using Agentic.LlmGateway.Simulation;

namespace Agentic.LlmGateway.Tests.Simulation;

public sealed class SimulatedProviderOptionsValidatorTests
{
    private readonly SimulatedProviderOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(_validator.Validate(null, new SimulatedProviderOptions()).Succeeded);

    [Fact]
    public void Validate_RatesAboveOne_FailsNamingTheSetting()
    {
        var result = _validator.Validate(null, new SimulatedProviderOptions { RateLimitFaultRate = 0.7, ServerErrorFaultRate = 0.6, TimeoutFaultRate = 1.5 });

        Assert.True(result.Failed);
        Assert.Contains("TimeoutFaultRate", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("add up to", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeLatencyAndZeroDimensions_Fails()
    {
        var result = _validator.Validate(null, new SimulatedProviderOptions { Latency = TimeSpan.FromMilliseconds(-1), EmbeddingDimensions = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Latency", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("EmbeddingDimensions", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidSection_FailsAtStart()
    {
        var failure = await Record.ExceptionAsync(() => SimulatedProviderHost.StartAsync(new Dictionary<string, string?> { ["Simulation:DropStreamFaultRate"] = "2" }));

        Assert.Contains("DropStreamFaultRate", Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(failure).Message, StringComparison.Ordinal);
    }
}
