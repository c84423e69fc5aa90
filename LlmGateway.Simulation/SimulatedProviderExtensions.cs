using Agentic.LlmGateway.Simulation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class SimulatedProviderExtensions
{
    /// <summary>Registers the simulated provider and its options (section "Simulation", validated at start).</summary>
    public static IHostApplicationBuilder AddSimulatedProvider(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SimulatedProviderOptions>()
            .Bind(builder.Configuration.GetSection(SimulatedProviderOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatedProviderOptions>, SimulatedProviderOptionsValidator>());
        services.TryAddSingleton<SimulatedChaos>();
        services.TryAddSingleton<PreciseDelay>();
        services.TryAddSingleton<SimulatedRecordings>();
        services.TryAddSingleton<SimulatedOpening>();
        services.TryAddSingleton<SimulatedStream>();
        services.TryAddSingleton<SimulatedProvider>();
        return builder;
    }

    /// <summary>
    /// Maps <c>POST {prefix}/v1/chat/completions</c>, <c>POST {prefix}/v1/embeddings</c> and
    /// <c>GET {prefix}/v1/models</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapSimulatedProvider(this IEndpointRouteBuilder endpoints, string prefix = "/simulated")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var provider = endpoints.ServiceProvider.GetRequiredService<SimulatedProvider>();
        var group = endpoints.MapGroup(prefix.TrimEnd('/'));
        group.MapPost("/v1/chat/completions", provider.ChatCompletionsAsync);
        group.MapPost("/v1/embeddings", provider.EmbeddingsAsync);
        group.MapGet("/v1/models", provider.ModelsAsync);
        return endpoints;
    }
}
