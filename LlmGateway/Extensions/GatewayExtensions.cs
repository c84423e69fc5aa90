using Agentic.LlmGateway.Auth;
using Agentic.LlmGateway.Configuration;
using Agentic.LlmGateway.Proxy;
using Agentic.LlmGateway.Requests;
using Agentic.LlmGateway.Routing;
using Agentic.LlmGateway.Simulation;
using Agentic.LlmGateway.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Microsoft.Extensions.Hosting;

public static class GatewayExtensions
{
    /// <summary>
    /// The gateway's services: options (section "LlmGateway", validated at start and on reload), caller
    /// authentication, routes, the Redis rate limiter, YARP's forwarder, the built-in simulated provider and
    /// telemetry.
    /// </summary>
    public static IHostApplicationBuilder AddLlmGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());

        builder.AddGatewayRateLimiting();
        builder.AddSimulatedProvider();
        // The simulated provider answers for every public model routed to it (a model whose provider has no key).
        services.AddSingleton<IPostConfigureOptions<SimulatedProviderOptions>, SimulatedModelsPostConfigure>();

        services.AddHttpForwarder();
        services.TryAddSingleton<IForwarderHttpClientFactory, ForwarderHttpClientFactory>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<SelfAddress>();
        services.AddSingleton<RouteTable>();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<SettlementCoalescer>();
        services.AddSingleton<LlmProxy>();
        services.AddTransient<IStartupFilter, GatewayRequestStartupFilter>();
        return builder;
    }

    /// <summary>
    /// Maps the OpenAI-compatible API (<c>POST /v1/chat/completions</c>, <c>POST /v1/embeddings</c>,
    /// <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>) and the built-in simulated provider under <c>/simulated</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapLlmGateway(this IEndpointRouteBuilder endpoints)
    {
        var proxy = endpoints.ServiceProvider.GetRequiredService<LlmProxy>();
        endpoints.MapPost("/v1/chat/completions", new RequestDelegate(proxy.ChatCompletionsAsync));
        endpoints.MapPost("/v1/embeddings", new RequestDelegate(proxy.EmbeddingsAsync));
        endpoints.MapGet("/v1/models", new RequestDelegate(proxy.ModelsAsync));
        endpoints.MapGet("/v1/models/{**id}", new RequestDelegate(proxy.ModelAsync));
        endpoints.MapSimulatedProvider(RouteTable.SimulatedPrefix);
        return endpoints;
    }
}
