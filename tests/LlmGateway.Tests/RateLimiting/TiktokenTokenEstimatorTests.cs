using Agentic.LlmGateway.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace Agentic.LlmGateway.Tests.RateLimiting;

public sealed class TiktokenTokenEstimatorTests
{
    private const string Text = "The quick brown fox jumps over the lazy dog. Größe: 12345 — naïve café!";

    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("openai/gpt-4.1", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("text-embedding-3-small", "cl100k_base")]
    [InlineData("claude-sonnet-4", "chars")]
    public void EncodingFor_ModelFamily_PicksTheTokenizer(string model, string expected) =>
        Assert.Equal(expected, new TiktokenTokenEstimator(Options.Create(new RateLimitingOptions())).EncodingFor(model));

    [Fact]
    public void EstimatePromptTokens_Gpt4o_CountsWithO200k()
    {
        var estimator = new TiktokenTokenEstimator(Options.Create(new RateLimitingOptions()));
        var expected = TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(Text) * 2;

        Assert.Equal(expected, estimator.EstimatePromptTokens("gpt-4o", [Text, Text]));
    }

    [Fact]
    public void EstimatePromptTokens_Gpt4_CountsWithCl100kWhichDiffersFromO200k()
    {
        var estimator = new TiktokenTokenEstimator(Options.Create(new RateLimitingOptions()));
        var cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base").CountTokens(Text);

        Assert.Equal(cl100k, estimator.EstimatePromptTokens("gpt-4", [Text]));
        Assert.NotEqual(estimator.EstimatePromptTokens("gpt-4o", [Text]), estimator.EstimatePromptTokens("gpt-4", [Text]));
    }

    [Fact]
    public void EstimatePromptTokens_UnknownFamily_FourCharactersPerToken()
    {
        var estimator = new TiktokenTokenEstimator(Options.Create(new RateLimitingOptions()));

        Assert.Equal(3, estimator.EstimatePromptTokens("my-local-llama", ["12345678", "9", string.Empty]));
    }

    [Fact]
    public void EstimatePromptTokens_ConfiguredTokenizer_OverridesTheFamily()
    {
        var options = new RateLimitingOptions();
        options.Models["my-local-llama"] = new ModelRateLimitOptions { Tokenizer = "o200k_base" };
        var estimator = new TiktokenTokenEstimator(Options.Create(options));

        Assert.Equal(estimator.EstimatePromptTokens("gpt-4o", [Text]), estimator.EstimatePromptTokens("my-local-llama", [Text]));
    }
}
