using System.Net;
using Agentic.BatchService.Activities;
using Agentic.BatchService.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Tests.Activities;

/// <summary>The gateway client against an OpenAI-style endpoint on loopback that answers what each test needs.</summary>
public sealed class GatewayRowModelTests : IAsyncLifetime
{
    private static readonly BatchTaskSpec Chat = new(BatchTaskKind.Chat, "m", "{{x}}", "be brief", null, 8, null, 7, 3, 1);
    private WebApplication? _app;
    private IHost? _client;
    private string? _lastAuthorization;
    private string? _lastBody;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            _lastAuthorization = context.Request.Headers.Authorization;
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            _lastBody = body;
            IResult answer = body switch
            {
                _ when body.Contains("\"rate\"", StringComparison.Ordinal) => Answer(429, "{\"error\":{\"message\":\"slow down\"}}", ("Retry-After", "2")),
                _ when body.Contains("\"ratems\"", StringComparison.Ordinal) => Answer(429, "{}", ("Retry-After", "1"), ("retry-after-ms", "250")),
                _ when body.Contains("\"boom\"", StringComparison.Ordinal) => Answer(503, "{}"),
                _ when body.Contains("\"bad\"", StringComparison.Ordinal) => Answer(400, "{\"error\":{\"message\":\"bad\"}}"),
                _ when body.Contains("\"nomodel\"", StringComparison.Ordinal) => Answer(404, "{}"),
                _ when body.Contains("\"forbidden\"", StringComparison.Ordinal) => Answer(403, "{}"),
                _ => Results.Text(
                    "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":2}}",
                    "application/json"),
            };
            return answer;
        });
        _app.MapPost("/v1/embeddings", () => Results.Text(
            "{\"data\":[{\"embedding\":[0.25,-0.5]}],\"usage\":{\"prompt_tokens\":3}}", "application/json"));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = Host.CreateApplicationBuilder();
        client.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmGateway:BaseUrl"] = address,
            ["LlmGateway:ApiKey"] = "secret-key",
            ["LlmGateway:Timeout"] = "00:00:10",
        });
        client.AddLlmGatewayClient();
        client.Services.AddSingleton<GatewayRowModel>();
        _client = client.Build();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task CallAsync_Chat_ReturnsTextAndUsageAndSendsTheKey()
    {
        var result = await Model.CallAsync(Chat, "hello", [], CancellationToken.None);

        Assert.Equal("hi", result.Text);
        Assert.Equal(11, result.PromptTokens);
        Assert.Equal(2, result.CompletionTokens);
        Assert.Equal("Bearer secret-key", _lastAuthorization);
        using var sent = System.Text.Json.JsonDocument.Parse(_lastBody!);
        Assert.Equal("m", sent.RootElement.GetProperty("model").GetString());
        Assert.Equal("system", sent.RootElement.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Equal(7, sent.RootElement.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task CallAsync_Embedding_ReturnsVector()
    {
        var result = await Model.CallAsync(
            Chat with { Kind = BatchTaskKind.Embedding }, "hello", [], CancellationToken.None);

        Assert.Equal([0.25f, -0.5f], result.Embedding!);
        Assert.Equal(3, result.PromptTokens);
    }

    [Theory]
    [InlineData("rate", RowRunner.RateLimitedError, false, 2000)]
    [InlineData("ratems", RowRunner.RateLimitedError, false, 250)]
    [InlineData("boom", "LlmUpstreamError", false, -1)]
    [InlineData("bad", "LlmBadRequest", true, -1)]
    [InlineData("nomodel", "LlmModelNotFound", true, -1)]
    [InlineData("forbidden", "LlmUnauthorized", true, -1)]
    public async Task CallAsync_ErrorStatus_MapsToTemporalFailure(string prompt, string errorType, bool nonRetryable, int retryAfterMs)
    {
        var error = await Assert.ThrowsAsync<ApplicationFailureException>(() =>
            Model.CallAsync(Chat, prompt, [], CancellationToken.None));

        Assert.Equal(errorType, error.ErrorType);
        Assert.Equal(nonRetryable, error.NonRetryable);
        Assert.Equal(retryAfterMs < 0 ? null : TimeSpan.FromMilliseconds(retryAfterMs), error.NextRetryDelay);
    }

    private GatewayRowModel Model => _client!.Services.GetRequiredService<GatewayRowModel>();

    private static HeaderResult Answer(int status, string body, params (string Name, string Value)[] headers) =>
        new HeaderResult(status, body, headers);

    private sealed class HeaderResult(int status, string body, (string Name, string Value)[] headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                httpContext.Response.Headers[name] = value;
            }

            httpContext.Response.ContentType = "application/json";
            await httpContext.Response.WriteAsync(body);
        }
    }
}
