using System.ClientModel;
using System.Net.Http.Headers;
using Agentic.LlmGateway.Tests.RateLimiting;
using Agentic.LocalGateway;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>Starts the real gateway (the test host) and builds clients for it.</summary>
internal static class GatewayHarness
{
    public static Task<LlmGatewayServer> StartAsync(
        RedisFixture redis,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        int? requestsPerMinute = null,
        int? tokensPerMinute = null) =>
        LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = redis.Server.ConnectionString,
            Latency = TimeSpan.Zero,
            RequestsPerMinute = requestsPerMinute,
            TokensPerMinute = tokensPerMinute,
            Settings = settings ?? new Dictionary<string, string?>(),
            ConfigureServices = configureServices,
        });

    public static HttpClient Http(LlmGatewayServer server, string? key = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static OpenAIClient Sdk(LlmGatewayServer server, string? key = null) =>
        new(new ApiKeyCredential(key ?? server.ApiKey), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1") });

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>A chat request body for the simulated chat model.</summary>
    public static StringContent Chat(string prompt = "Say hello.", bool stream = false, int maxTokens = 50, string model = "sim-chat", bool includeUsage = false) =>
        Json($$"""
            {"model":"{{model}}","messages":[{"role":"user","content":"{{prompt}}"}],"max_tokens":{{maxTokens}}{{(stream ? ",\"stream\":true" : string.Empty)}}{{(includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : string.Empty)}}}
            """);
}
