using Agentic.WorkerDefaults.Llm;
using Microsoft.Extensions.AI;
using Temporalio.Exceptions;

namespace Agentic.WorkerDefaults.Tests.Llm;

/// <summary>Scripted gateway answers become the Temporal failures activities rely on.</summary>
public sealed class LlmGatewayFailureMappingTests(ScriptedGateway gateway) : IClassFixture<ScriptedGateway>, IDisposable
{
    private const string ErrorBody = """{"error":{"message":"scripted","type":"invalid_request_error","param":null,"code":null}}""";

    private readonly GatewayClientHost _client = new(gateway.BaseAddress);

    [Theory]
    [InlineData(429, "retry-after-ms=250;Retry-After=1", LlmGatewayFailures.RateLimited, false, 250)]
    [InlineData(429, "Retry-After=3", LlmGatewayFailures.RateLimited, false, 3000)]
    [InlineData(429, "", LlmGatewayFailures.RateLimited, false, -1)]
    [InlineData(400, "", LlmGatewayFailures.BadRequest, true, -1)]
    [InlineData(401, "", LlmGatewayFailures.Unauthorized, true, -1)]
    [InlineData(403, "", LlmGatewayFailures.Unauthorized, true, -1)]
    [InlineData(404, "", LlmGatewayFailures.ModelNotFound, true, -1)]
    [InlineData(500, "", LlmGatewayFailures.UpstreamError, false, -1)]
    [InlineData(502, "", LlmGatewayFailures.UpstreamError, false, -1)]
    [InlineData(503, "Retry-After=5", LlmGatewayFailures.UpstreamError, false, -1)]
    public async Task GetResponseAsync_GatewayStatus_MapsToTemporalFailure(int status, string headers, string errorType, bool nonRetryable, int retryAfterMs)
    {
        gateway.Script = ScriptedGateway.Answer(status, ErrorBody, Headers(headers));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => _client.Chat.GetResponseAsync("hi"));

        Assert.Equal(errorType, failure.ErrorType);
        Assert.Equal(nonRetryable, failure.NonRetryable);
        Assert.Equal(retryAfterMs < 0 ? null : TimeSpan.FromMilliseconds(retryAfterMs), failure.NextRetryDelay);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, LlmGatewayFailures.RateLimited, false)]
    [InlineData(401, LlmGatewayFailures.Unauthorized, true)]
    [InlineData(503, LlmGatewayFailures.UpstreamError, false)]
    public async Task GenerateAsync_GatewayStatus_MapsToTemporalFailure(int status, string errorType, bool nonRetryable)
    {
        gateway.Script = ScriptedGateway.Answer(status, ErrorBody, ("retry-after-ms", "40"));

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => _client.Embeddings.GenerateAsync(["x"]));

        Assert.Equal(errorType, failure.ErrorType);
        Assert.Equal(nonRetryable, failure.NonRetryable);
    }

    [Fact]
    public async Task GetResponseAsync_ErrorBodyEchoesTheKey_KeyNotInFailure()
    {
        // A misbehaving gateway (or proxy in between) that repeats the caller's key must not leak it into
        // the workflow history through the failure message.
        gateway.Script = ScriptedGateway.Answer(
            401, $$$"""{"error":{"message":"Incorrect API key provided: {{{GatewayClientHost.Key}}}","type":"invalid_request_error"}}""");

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => _client.Chat.GetResponseAsync("hi"));

        Assert.Equal(LlmGatewayFailures.Unauthorized, failure.ErrorType);
        Assert.DoesNotContain(GatewayClientHost.Key, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.InnerException);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_GatewayStatus_MapsToTemporalFailure()
    {
        gateway.Script = ScriptedGateway.Answer(400, ErrorBody);

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(async () =>
        {
            await foreach (var update in _client.Chat.GetStreamingResponseAsync("hi"))
            {
                Assert.Fail($"no update expected, got '{update.Text}'");
            }
        });

        Assert.Equal(LlmGatewayFailures.BadRequest, failure.ErrorType);
        Assert.True(failure.NonRetryable);
    }

    public void Dispose()
    {
        gateway.Script = null;
        _client.Dispose();
    }

    private static (string Name, string Value)[] Headers(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .Select(parts => (parts[0], parts[1]))
            .ToArray();
}
