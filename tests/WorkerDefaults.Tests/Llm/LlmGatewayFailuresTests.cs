using System.Globalization;
using Agentic.WorkerDefaults.Llm;

namespace Agentic.WorkerDefaults.Tests.Llm;

public sealed class LlmGatewayFailuresTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void RetryAfter_MillisecondsAndSeconds_PrefersMilliseconds()
    {
        var headers = new Dictionary<string, string> { ["retry-after-ms"] = "1234.5", ["Retry-After"] = "2" };

        Assert.Equal(TimeSpan.FromMilliseconds(1234.5), LlmGatewayFailures.RetryAfter(Lookup(headers), Now));
    }

    [Fact]
    public void RetryAfter_HttpDate_TimeUntilThatDate()
    {
        var headers = new Dictionary<string, string> { ["Retry-After"] = Now.AddSeconds(7).ToString("r", CultureInfo.InvariantCulture) };

        Assert.Equal(TimeSpan.FromSeconds(7), LlmGatewayFailures.RetryAfter(Lookup(headers), Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    public void RetryAfter_MissingOrUnreadable_Null(string? value)
    {
        var headers = value is null ? [] : new Dictionary<string, string> { ["Retry-After"] = value };

        Assert.Null(LlmGatewayFailures.RetryAfter(Lookup(headers), Now));
    }

    [Fact]
    public void FromStatus_LongDetailWithSecret_ShortenedAndRedacted()
    {
        var failure = LlmGatewayFailures.FromStatus(500, "key sk-123 " + new string('x', 2000), null, "sk-123");

        Assert.DoesNotContain("sk-123", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Length < 600, $"message of {failure.Message.Length} characters");
    }

    [Fact]
    public void FromStatus_OpenAiErrorBody_DescribesKindStatusAndPlainMessage()
    {
        const string body = "{\"error\":{\"message\":\"The model 'nope' does not exist\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}";

        var failure = LlmGatewayFailures.FromStatus(404, body, null);
        var error = LlmGatewayFailures.Describe(failure);

        Assert.Equal(new LlmGatewayError(LlmGatewayFailures.ModelNotFound, 404, "The model 'nope' does not exist"), error);
        Assert.Equal("gateway answered 404: The model 'nope' does not exist", failure.Message);
        Assert.DoesNotContain("{", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain words", "plain words")]
    [InlineData("{broken json", "{broken json")]
    [InlineData("{\"error\":\"just a string\"}", "just a string")]
    [InlineData("  ", "")]
    public void PlainMessage_BodyOfAnyShape_GivesReadableText(string body, string expected) =>
        Assert.Equal(expected, LlmGatewayFailures.PlainMessage(body));

    [Fact]
    public void Describe_FailureWithoutGatewayDetails_UsesTypeAndMessage()
    {
        var error = LlmGatewayFailures.Describe(new Temporalio.Exceptions.ApplicationFailureException("boom", "Other"));

        Assert.Equal(new LlmGatewayError("Other", null, "boom"), error);
    }

    [Fact]
    public void Unreachable_Timeout_RetryableUpstreamError()
    {
        var failure = LlmGatewayFailures.Unreachable(new TaskCanceledException());

        Assert.Equal(LlmGatewayFailures.UpstreamError, failure.ErrorType);
        Assert.False(failure.NonRetryable);
        Assert.Contains("timed out", failure.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Lookup(Dictionary<string, string> headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
