using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Agentic.WorkerDefaults.Tests.Llm;

/// <summary>
/// A loopback stand-in for the gateway: the simulated provider at the gateway's paths, unless a test scripts
/// the answer (any status, headers and body) or forces one of the provider's faults.
/// </summary>
public sealed class ScriptedGateway : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>When set, answers every request instead of the simulated provider.</summary>
    public Func<HttpContext, Task>? Script { get; set; }

    /// <summary>When set, passed to the simulated provider as <c>x-simulated-fault</c>.</summary>
    public string? Fault { get; set; }

    public string? LastAuthorization { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulation:Latency"] = "00:00:00",
            ["Simulation:EmbeddingDimensions"] = "32",
            ["Simulation:RetryAfter"] = "00:00:02.250",
        });
        builder.AddSimulatedProvider();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            LastAuthorization = context.Request.Headers.Authorization;
            if (Script is { } script)
            {
                await script(context);
                return;
            }

            if (Fault is { } fault)
            {
                context.Request.Headers["x-simulated-fault"] = fault;
            }

            await next(context);
        });
        _app.MapSimulatedProvider(string.Empty);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A scripted answer with <paramref name="status"/>, <paramref name="body"/> and headers.</summary>
    public static Func<HttpContext, Task> Answer(int status, string body, params (string Name, string Value)[] headers) => async context =>
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    };
}
