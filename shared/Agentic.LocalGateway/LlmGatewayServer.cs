using System.Globalization;
using System.Security.Cryptography;
using Agentic.LlmGateway.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Agentic.LocalGateway;

/// <summary>
/// The real gateway (the same composition as LlmGateway/Program.cs) on a loopback port, with its built-in
/// simulated provider as the only upstream and limits in a Redis the caller provides. Configuration comes
/// only from the options (no appsettings, no environment), keys are fresh per server, and Redis keys get a
/// per-server prefix so servers sharing one Redis never share limits.
/// </summary>
public sealed class LlmGatewayServer : IAsyncDisposable
{
    /// <summary>Caller names the two keys belong to.</summary>
    public const string CallerName = "test";

    public const string InteractiveCallerName = "test-interactive";

    private readonly WebApplication _app;

    private LlmGatewayServer(WebApplication app, Uri baseAddress, string apiKey, string interactiveApiKey, string providerKey)
    {
        _app = app;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
        InteractiveApiKey = interactiveApiKey;
        ProviderKey = providerKey;
        SimulatedProviderAddress = new Uri(baseAddress, "simulated/");
    }

    /// <summary>"http://127.0.0.1:&lt;port&gt;/": callers post to "v1/chat/completions".</summary>
    public Uri BaseAddress { get; }

    /// <summary>A valid caller key (caller "test", priority class "batch").</summary>
    public string ApiKey { get; }

    /// <summary>A valid caller key with priority class "interactive".</summary>
    public string InteractiveApiKey { get; }

    /// <summary>The key the gateway shows the simulated provider (must never reach a caller or a log).</summary>
    public string ProviderKey { get; }

    /// <summary>The simulated upstream directly, e.g. "http://127.0.0.1:&lt;port&gt;/simulated/" (for benchmarks).</summary>
    public Uri SimulatedProviderAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LlmGatewayServer> StartAsync(LlmGatewayServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var apiKey = NewKey("gw-test-");
        var interactiveKey = NewKey("gw-interactive-");
        var providerKey = NewKey("sk-sim-provider-");
        var rpm = (options.RequestsPerMinute ?? 1_000_000_000L).ToString(CultureInfo.InvariantCulture);
        var tpm = (options.TokensPerMinute ?? 100_000_000_000L).ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = options.RedisConnectionString,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Yarp"] = "Warning",
            ["LlmGateway:Callers:" + CallerName + ":ApiKey"] = apiKey,
            ["LlmGateway:Callers:" + CallerName + ":PriorityClass"] = "batch",
            ["LlmGateway:Callers:" + InteractiveCallerName + ":ApiKey"] = interactiveKey,
            ["LlmGateway:Callers:" + InteractiveCallerName + ":PriorityClass"] = "interactive",
            ["LlmGateway:Providers:simulated:Kind"] = "Simulated",
            ["LlmGateway:Providers:simulated:ApiKey"] = providerKey,
            ["LlmGateway:Models:sim-chat:Deployments:0:Provider"] = "simulated",
            ["LlmGateway:Models:sim-embed:Deployments:0:Provider"] = "simulated",
            ["LlmGateway:Models:sim-embed:Operations:0"] = "Embeddings",
            // Faults reach the callers (their retries are what tests exercise); override to test the gateway's own.
            ["LlmGateway:Resilience:MaxAttemptsPerDeployment"] = "1",
            ["LlmGateway:Resilience:BaseDelay"] = "00:00:00.010",
            ["LlmGateway:Resilience:UpstreamTimeout"] = "00:00:30",
            ["RateLimiting:KeyPrefix"] = "gw" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(),
            ["RateLimiting:Models:sim-chat:RequestsPerMinute"] = rpm,
            ["RateLimiting:Models:sim-chat:TokensPerMinute"] = tpm,
            ["RateLimiting:Models:sim-embed:RequestsPerMinute"] = rpm,
            ["RateLimiting:Models:sim-embed:TokensPerMinute"] = tpm,
            ["Simulation:Enabled"] = "true",
            ["Simulation:Latency"] = options.Latency.ToString("c", CultureInfo.InvariantCulture),
            ["Simulation:LatencyJitter"] = "00:00:00",
            ["Simulation:RateLimitFaultRate"] = options.RateLimitFaultRate.ToString(CultureInfo.InvariantCulture),
            ["Simulation:ServerErrorFaultRate"] = options.ServerErrorFaultRate.ToString(CultureInfo.InvariantCulture),
            ["Simulation:RetryAfter"] = "00:00:00.100",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "LlmGateway",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        builder.AddServiceDefaults();
        builder.AddLlmGateway();
        // Tests read what they need from the captured logs or metrics; console output would only slow them.
        builder.Logging.ClearProviders();
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapLlmGateway();
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LlmGatewayServer(app, new Uri(address.TrimEnd('/') + "/"), apiKey, interactiveKey, providerKey);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string NewKey(string prefix) => prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
