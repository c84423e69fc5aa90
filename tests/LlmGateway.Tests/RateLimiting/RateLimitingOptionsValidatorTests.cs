using Agentic.LlmGateway.RateLimiting;

namespace Agentic.LlmGateway.Tests.RateLimiting;

public sealed class RateLimitingOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new RateLimitingOptionsValidator().Validate(null, new RateLimitingOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_NamesEachSetting()
    {
        var options = new RateLimitingOptions
        {
            InteractiveReservedShare = 1.5,
            ExpectedInstances = 0,
            BurstSeconds = 0,
            MaxDecisionsPerBatch = 0,
            Global = new RateLimitSettings { TokensPerMinute = -1 },
        };
        options.Models["gpt-4o"] = new ModelRateLimitOptions { Tokenizer = "llama" };
        options.Callers["alice"] = new CallerRateLimitOptions { MaxQueueWait = TimeSpan.FromSeconds(-1) };

        var result = new RateLimitingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("InteractiveReservedShare", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ExpectedInstances", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("BurstSeconds", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxDecisionsPerBatch", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RateLimiting:Global", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Models:gpt-4o:Tokenizer", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Callers:alice:MaxQueueWait", result.FailureMessage, StringComparison.Ordinal);
    }
}
