using System.Collections.Concurrent;
using Agentic.LlmGateway.Configuration;
using Agentic.LlmGateway.Proxy;
using Agentic.LlmGateway.Simulation;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Routing;

/// <summary>
/// Model name → cluster of deployments, built from <see cref="GatewayOptions"/> and rebuilt when the
/// configuration reloads. With the simulated provider enabled (<c>Simulation:Enabled</c>), deployments of OpenAI,
/// Anthropic or Gemini whose provider has no key are routed to it instead, so the gateway works offline; without
/// it, deployments that only the built-in simulation could serve are left out (and a model left with none is not
/// offered). Passive health outlives reloads.
/// </summary>
public sealed partial class RouteTable : IDisposable
{
    /// <summary>Where the gateway maps its built-in simulated provider.</summary>
    public const string SimulatedPrefix = "/simulated";

    /// <summary>The bearer the gateway shows the built-in simulated provider when none is configured.</summary>
    public const string DefaultSimulatedKey = "simulated-provider-key";

    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly SelfAddress _self;
    private readonly ILogger<RouteTable> _logger;
    private readonly bool _simulation;
    private readonly IDisposable? _subscription;
    private readonly ConcurrentDictionary<string, DeploymentHealth> _health = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile RouteSnapshot? _current;
    private GatewayOptions? _pending;

    public RouteTable(IOptionsMonitor<GatewayOptions> options, IOptions<SimulatedProviderOptions> simulation, SelfAddress self, ILogger<RouteTable> logger)
    {
        _options = options;
        _simulation = simulation.Value.Enabled;
        _self = self;
        _logger = logger;
        // Only valid configurations reach this listener (the monitor validates first), so a bad edit leaves
        // the last good routes and settings in place.
        _subscription = options.OnChange(changed =>
        {
            Volatile.Write(ref _pending, changed);
            LogReloaded(_logger);
        });
    }

    /// <summary>The routes now (built on first use, once the server listens, so the simulated provider's address is known).</summary>
    public RouteSnapshot Current
    {
        get
        {
            if (_current is { } snapshot && Volatile.Read(ref _pending) is null)
            {
                return snapshot;
            }

            lock (_gate)
            {
                if (Interlocked.Exchange(ref _pending, null) is { } changed)
                {
                    _current = Build(changed);
                }

                return _current ??= Build(_options.CurrentValue);
            }
        }
    }

    public void Dispose() => _subscription?.Dispose();

    private RouteSnapshot Build(GatewayOptions options)
    {
        var models = new Dictionary<string, ModelRoute>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, model) in options.Models)
        {
            var deployments = new List<Deployment>(model.Deployments.Count);
            for (var i = 0; i < model.Deployments.Count; i++)
            {
                if (Resolve(options, name, i, model.Deployments[i]) is { } deployment)
                {
                    deployments.Add(deployment);
                }
            }

            if (deployments.Count == 0)
            {
                LogNotOffered(_logger, name);
                continue;
            }

            var ownedBy = model.OwnedBy ?? deployments.FirstOrDefault()?.ProviderName ?? "agentic";
            LlmOperation[] operations = model.Operations.Count == 0 ? [LlmOperation.ChatCompletions] : [.. model.Operations.Distinct().Order()];
            models[name] = new ModelRoute(name, ownedBy, operations, deployments, model.Price);
        }

        var single = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in models.Values)
        {
            single[route.Name] = ModelJson.Entry(route);
        }

        return new RouteSnapshot(options, models, ModelJson.List(models.Values), single);
    }

    /// <summary>The deployment, or null when only the built-in simulated provider could serve it and that is off.</summary>
    private Deployment? Resolve(GatewayOptions options, string publicModel, int index, DeploymentOptions deployment)
    {
        options.Providers.TryGetValue(deployment.Provider, out var provider);
        provider ??= new ProviderOptions { Kind = ProviderKind.Simulated };
        var providerName = deployment.Provider;
        var upstreamModel = string.IsNullOrWhiteSpace(deployment.Model) ? publicModel : deployment.Model;
        var substituted = false;
        if (_simulation && (provider.Kind is ProviderKind.OpenAI or ProviderKind.Anthropic or ProviderKind.Gemini) && string.IsNullOrEmpty(provider.ApiKey))
        {
            // No key, no real provider: the simulated one answers under the public model name.
            LogSubstituted(_logger, publicModel, providerName);
            substituted = true;
            providerName = GatewayOptions.SimulatedProviderName;
            upstreamModel = publicModel;
            options.Providers.TryGetValue(GatewayOptions.SimulatedProviderName, out var simulated);
            provider = simulated ?? new ProviderOptions { Kind = ProviderKind.Simulated };
        }

        if (provider.Kind == ProviderKind.Simulated && provider.BaseUrl is null && !_simulation)
        {
            return null;
        }

        var baseUrl = provider.BaseUrl ?? provider.Kind switch
        {
            ProviderKind.OpenAI => new Uri("https://api.openai.com/v1/"),
            ProviderKind.Anthropic => new Uri("https://api.anthropic.com/v1/"),
            ProviderKind.Gemini => new Uri("https://generativelanguage.googleapis.com/v1beta/openai/"),
            _ => new Uri(_self.Resolve(), SimulatedPrefix.TrimStart('/') + "/v1/"),
        };
        if (!baseUrl.AbsoluteUri.EndsWith('/'))
        {
            baseUrl = new Uri(baseUrl.AbsoluteUri + "/");
        }

        var key = provider.ApiKey;
        if (string.IsNullOrEmpty(key) && provider.Kind == ProviderKind.Simulated)
        {
            key = DefaultSimulatedKey;
        }

        KeyValuePair<string, string>? auth = string.IsNullOrEmpty(key)
            ? null
            : string.IsNullOrWhiteSpace(provider.ApiKeyHeader)
                ? new("Authorization", "Bearer " + key)
                : new(provider.ApiKeyHeader, key);

        var headers = new Dictionary<string, string>(provider.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (header, value) in deployment.Headers)
        {
            headers[header] = value;
        }

        return new Deployment
        {
            ProviderName = providerName,
            Kind = provider.Kind,
            UpstreamModel = upstreamModel,
            BaseUrl = baseUrl,
            ChatCompletionsUrl = new Uri(baseUrl, "chat/completions"),
            EmbeddingsUrl = new Uri(baseUrl, "embeddings"),
            AuthHeader = auth,
            Headers = [.. headers],
            Substituted = substituted,
            // Keyed by position and destination, so a reload that keeps a deployment keeps its ejection.
            Health = _health.GetOrAdd($"{publicModel}|{index}|{providerName}|{baseUrl}|{upstreamModel}", _ => new DeploymentHealth()),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway routes reloaded from configuration.")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} is served only by the built-in simulated provider, which is off (Simulation:Enabled); it is not offered.")]
    private static partial void LogNotOffered(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model}: provider {Provider} has no API key; routing to the simulated provider.")]
    private static partial void LogSubstituted(ILogger logger, string model, string provider);
}
