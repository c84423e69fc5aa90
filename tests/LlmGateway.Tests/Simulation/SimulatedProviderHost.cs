using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Agentic.LlmGateway.Tests.Simulation;

/// <summary>A minimal web application on a loopback port that serves only the simulated provider.</summary>
public sealed class SimulatedProviderHost : IAsyncDisposable
{
    public const string Key = "sk-sim-test-key";

    private readonly WebApplication _app;

    private SimulatedProviderHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The provider's root, e.g. http://127.0.0.1:port/simulated/ (callers post to "v1/chat/completions").</summary>
    public Uri BaseAddress { get; }

    public static async Task<SimulatedProviderHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulation:Latency"] = "00:00:00",
            ["Simulation:EmbeddingDimensions"] = "64",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddSimulatedProvider();
        var app = builder.Build();
        try
        {
            app.MapSimulatedProvider();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatedProviderHost(app, new Uri(address.TrimEnd('/') + "/simulated/"));
    }

    public HttpClient CreateClient(string? key = Key, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
