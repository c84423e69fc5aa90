using Agentic.LlmGateway.Auth;
using Agentic.LlmGateway.Configuration;
using Agentic.LlmGateway.Proxy;
using Agentic.LlmGateway.RateLimiting;
using Agentic.LlmGateway.Requests;
using Agentic.LlmGateway.Routing;
using Agentic.LlmGateway.Simulation;
using Agentic.LlmGateway.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Agentic.LlmGateway.Extensions;

public static class GatewayExtensions
{
    /// <summary>
    /// The gateway's services: options (section "LlmGateway", validated at start and on reload), caller
    /// authentication (scheme <see cref="CallerAuthenticationHandler.SchemeName"/>), routes, the Redis rate limiter,
    /// YARP's forwarder and telemetry; and the simulated provider only when <c>Simulation:Enabled</c> is true.
    /// </summary>
    public static IHostApplicationBuilder AddLlmGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());

        builder.AddGatewayRateLimiting();
        if (builder.Configuration.GetSection(SimulatedProviderOptions.SectionName).GetValue<bool>(nameof(SimulatedProviderOptions.Enabled)))
        {
            builder.AddSimulatedProvider();
            // The simulated provider answers for every public model routed to it (a model whose provider has no key).
            services.AddSingleton<IPostConfigureOptions<SimulatedProviderOptions>, SimulatedModelsPostConfigure>();
        }

        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<CallerTickets>();
        // The default scheme, authenticated once by the authentication middleware. A policy that named the scheme
        // would authenticate again in the authorization middleware and merge the result into a new principal and
        // ticket on every request.
        services.AddAuthentication(CallerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CallerAuthenticationHandler>(CallerAuthenticationHandler.SchemeName, null);
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, CachedSchemeProvider>());
        services.AddAuthorizationBuilder().AddPolicy(CallerAuthenticationHandler.PolicyName, policy => policy.RequireAuthenticatedUser());
        AuthorizationLifetimes.ShareStatelessServices(services);

        services.AddHttpForwarder();
        services.TryAddSingleton<IForwarderHttpClientFactory, ForwarderHttpClientFactory>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SelfAddress>();
        services.AddSingleton<RouteTable>();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<SettlementCoalescer>();
        services.AddSingleton<UpstreamForwarder>();
        services.AddSingleton<LlmProxy>();
        services.AddTransient<IStartupFilter, GatewayRequestStartupFilter>();
        return builder;
    }

    /// <summary>
    /// Maps the OpenAI-compatible API (<c>POST /v1/chat/completions</c>, <c>POST /v1/embeddings</c>,
    /// <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>) for authenticated callers, and the simulated provider
    /// under <c>/simulated</c> when it is enabled.
    /// </summary>
    public static IEndpointRouteBuilder MapLlmGateway(this IEndpointRouteBuilder endpoints)
    {
        var proxy = endpoints.ServiceProvider.GetRequiredService<LlmProxy>();
        var api = endpoints.MapGroup(CallerAuthenticationHandler.ApiPath).RequireAuthorization(CallerAuthenticationHandler.PolicyName);
        api.MapPost("/chat/completions", new RequestDelegate(proxy.ChatCompletionsAsync));
        api.MapPost("/embeddings", new RequestDelegate(proxy.EmbeddingsAsync));
        api.MapGet("/models", new RequestDelegate(proxy.ModelsAsync));
        api.MapGet("/models/{**id}", new RequestDelegate(proxy.ModelAsync));
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<SimulatedProviderOptions>>().Value.Enabled)
        {
            endpoints.MapSimulatedProvider(RouteTable.SimulatedPrefix);
        }

        return endpoints;
    }
}
