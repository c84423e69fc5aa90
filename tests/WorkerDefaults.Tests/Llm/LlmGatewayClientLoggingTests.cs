using Agentic.LocalGateway;
using Agentic.Testing;
using Agentic.WorkerDefaults.Tests.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Agentic.WorkerDefaults.Tests.Llm;

/// <summary>
/// What a worker logs around an LLM call (everything, at Trace, is captured): never the prompt or the answer at
/// Information or above, never the key. Today the client logs nothing of its own; this keeps it that way.
/// </summary>
public sealed class LlmGatewayClientLoggingTests : IAsyncLifetime
{
    private RedisServer? _redis;
    private LlmGatewayServer? _gateway;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions { RedisConnectionString = _redis.ConnectionString });
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetResponseAsync_AnyCall_NoPromptOrAnswerTextLoggedAtInformationOrAbove()
    {
        const string prompt = "Summarise the confidential memo 7f3a9c about the merger.";
        var logs = new ScopedLogs();
        using var client = new GatewayClientHost(_gateway!.BaseAddress, key: _gateway.ApiKey, logs: logs);

        var answer = await client.Chat.GetResponseAsync(prompt);

        Assert.False(string.IsNullOrWhiteSpace(answer.Text));
        var visible = logs.Lines.Where(line => line.Level >= LogLevel.Information).ToList();
        Assert.DoesNotContain(visible, line => line.Message.Contains("7f3a9c", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, line => line.Message.Contains(answer.Text.Trim(), StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Message.Contains(_gateway.ApiKey, StringComparison.Ordinal));
    }
}
