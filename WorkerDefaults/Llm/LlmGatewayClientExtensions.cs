using Agentic.WorkerDefaults.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>How every worker service calls LLMs: through the gateway.</summary>
public static class LlmGatewayClientExtensions
{
    /// <summary>
    /// Binds <see cref="LlmGatewayClientOptions"/> from section "LlmGateway" (validated at start) and registers an
    /// <see cref="IChatClient"/> and an <see cref="IEmbeddingGenerator{String, Embedding}"/> over the gateway.
    /// Their errors are Temporal <c>ApplicationFailureException</c>s, typed by <see cref="LlmGatewayFailures"/>.
    /// <see cref="LlmGatewayModels"/> looks models up (does the gateway serve it, for which operations).
    /// </summary>
    public static IHostApplicationBuilder AddLlmGatewayClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<LlmGatewayClientOptions>()
            .Bind(builder.Configuration.GetSection(LlmGatewayClientOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmGatewayClientOptions>, LlmGatewayClientOptionsValidator>());
        services.AddHttpClient(LlmGatewayConnection.HttpClientName, http =>
                // The SDK's NetworkTimeout applies per call; a second, shorter limit here would only confuse.
                http.Timeout = Timeout.InfiniteTimeSpan)
            // The connection keeps its client for the process's life, so connections are renewed here instead.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        services.TryAddSingleton<LlmGatewayConnection>();
        services.TryAddSingleton<IChatClient>(sp => new LlmGatewayChatClient(
            sp.GetRequiredService<LlmGatewayConnection>(), sp.GetRequiredService<IOptions<LlmGatewayClientOptions>>()));
        services.TryAddSingleton(sp => new LlmGatewayModels(sp.GetRequiredService<LlmGatewayConnection>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => new LlmGatewayEmbeddingGenerator(
            sp.GetRequiredService<LlmGatewayConnection>(), sp.GetRequiredService<IOptions<LlmGatewayClientOptions>>()));
        return builder;
    }
}
