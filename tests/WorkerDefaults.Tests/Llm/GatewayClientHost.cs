using Agentic.WorkerDefaults.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Agentic.WorkerDefaults.Tests.Llm;

/// <summary>A worker-like host with <c>AddLlmGatewayClient()</c>, configured as a service would be.</summary>
public sealed class GatewayClientHost : IDisposable
{
    public const string Key = "sk-worker-secret-0123456789";

    private readonly IHost _host;

    public GatewayClientHost(Uri baseUrl, TimeSpan? timeout = null, string key = Key, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmGateway:BaseUrl"] = baseUrl.AbsoluteUri,
            ["LlmGateway:ApiKey"] = key,
            ["LlmGateway:Timeout"] = (timeout ?? TimeSpan.FromSeconds(30)).ToString("c"),
        });
        if (logs is not null)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        builder.AddLlmGatewayClient();
        _host = builder.Build();
    }

    public IChatClient Chat => _host.Services.GetRequiredService<IChatClient>();

    public IEmbeddingGenerator<string, Embedding<float>> Embeddings => _host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    public LlmGatewayModels Models => _host.Services.GetRequiredService<LlmGatewayModels>();

    public void Dispose() => _host.Dispose();
}
