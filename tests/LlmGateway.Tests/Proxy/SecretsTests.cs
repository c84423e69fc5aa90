using System.Diagnostics;
using System.Net;
using Agentic.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>Provider keys stay inside the gateway: not in responses, not in any log line at any level.</summary>
public sealed class SecretsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Requests_SuccessFailureAndStream_ProviderAndCallerKeysNeverInResponsesLogsOrSpans()
    {
        var logs = new CapturedLogs();
        var spans = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Enqueue($"{a.Source.Name} {a.DisplayName} {string.Join(", ", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))} {string.Join(", ", a.Events.Select(e => e.Name))}"),
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Yarp"] = "Trace",
            ["LlmGateway:Providers:sim-a:Kind"] = "Simulated",
            ["LlmGateway:Providers:sim-a:ApiKey"] = "sk-second-provider-secret-0123456789",
            ["LlmGateway:Providers:sim-a:Headers:x-simulated-fault"] = "server-error",
            ["LlmGateway:Models:sim-chat:Deployments:0:Provider"] = "sim-a",
            ["LlmGateway:Models:sim-chat:Deployments:1:Provider"] = "simulated",
        }, services => services.AddSingleton<ILoggerProvider>(logs));
        using var client = GatewayHarness.Http(server, server.ApiKey);
        var responses = new List<string>();

        foreach (var content in new[] { GatewayHarness.Chat(), GatewayHarness.Chat(stream: true), GatewayHarness.Chat(model: "unknown") })
        {
            using var response = await client.PostAsync("v1/chat/completions", content);
            responses.Add(response.Headers + response.Content.Headers.ToString() + await response.Content.ReadAsStringAsync());
        }

        using var embeddings = await client.PostAsync("v1/embeddings", GatewayHarness.Json("""{"model":"sim-embed","input":["a","b"]}"""));
        Assert.Equal(HttpStatusCode.OK, embeddings.StatusCode);
        responses.Add(embeddings.Headers + await embeddings.Content.ReadAsStringAsync());

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(spans, s => s.StartsWith("Agentic.LlmGateway chat sim-chat", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, e => e.Contains("sim-a", StringComparison.Ordinal)); // the failing deployment was logged...
        foreach (var secret in new[] { server.ProviderKey, "sk-second-provider-secret-0123456789", server.ApiKey })
        {
            // ...but no key, in any form we can think of.
            Assert.DoesNotContain(logs.Lines, e => e.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(responses, r => r.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(spans, s => s.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ChatCompletions_CallerCredentials_ReplacedByTheProviderKeyUpstream()
    {
        var capture = new UpstreamHeaderCapture();
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, configureServices: services => services.AddSingleton<IStartupFilter>(capture));
        using var client = GatewayHarness.Http(server, server.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = GatewayHarness.Chat() };
        request.Headers.Add("x-api-key", server.ApiKey);
        request.Headers.Add("OpenAI-Organization", "org-caller");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = Assert.Single(capture.Credentials);
        Assert.Equal($"Authorization=Bearer {server.ProviderKey}; x-api-key=; OpenAI-Organization=", upstream);
    }

    [Fact]
    public async Task ChatCompletions_CallerNamesTheGatewayInHost_UpstreamGetsTheProvidersHost()
    {
        // A provider behind a CDN routes (and checks TLS names) by Host: the gateway's own name must not reach it.
        var capture = new UpstreamHeaderCapture();
        await using var server = await GatewayHarness.StartAsync(fixture.Redis, configureServices: services => services.AddSingleton<IStartupFilter>(capture));
        using var client = GatewayHarness.Http(server, server.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = GatewayHarness.Chat() };
        request.Headers.Host = "llm-gateway.internal.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(server.SimulatedProviderAddress.Authority, Assert.Single(capture.Hosts));
    }
}
