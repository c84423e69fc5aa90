using Agentic.WorkerDefaults.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Agentic.WorkerDefaults.Tests.Llm;

public sealed class LlmGatewayClientRegistrationTests
{
    [Fact]
    public async Task StartAsync_MissingBaseUrlAndKey_FailsNamingBoth()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddLlmGatewayClient();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LlmGateway:BaseUrl", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LlmGateway:ApiKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_BadBaseUrlWithKey_FailureDoesNotShowTheKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmGateway:BaseUrl"] = "ftp://gateway/",
            ["LlmGateway:ApiKey"] = GatewayClientHost.Key,
            ["LlmGateway:Timeout"] = "-00:00:01",
        });
        builder.AddLlmGatewayClient();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LlmGateway:BaseUrl", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LlmGateway:Timeout", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayClientHost.Key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Options_LeavesOutTheKey()
    {
        var options = new LlmGatewayClientOptions { BaseUrl = new Uri("http://gateway/"), ApiKey = GatewayClientHost.Key };

        Assert.DoesNotContain(GatewayClientHost.Key, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("http://gateway/", options.ToString(), StringComparison.Ordinal);
    }
}
