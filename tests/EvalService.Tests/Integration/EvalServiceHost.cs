using System.Net;
using Agentic.LocalGateway;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Agentic.EvalService.Tests.Integration;

/// <summary>The eval service in this process, composed as Program.cs composes it, gRPC on a loopback port.</summary>
public sealed class EvalServiceHost : IAsyncDisposable
{
    public const string WebhookSecret = "test-webhook-secret-0123456789";

    /// <summary>Base64 of 32 bytes: the key eval-service encrypts its Temporal payloads with in tests.</summary>
    public const string PayloadKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly WebApplication _app;

    private EvalServiceHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
        Client = new Eval.V1.EvalService.EvalServiceClient(channel);
    }

    public GrpcChannel Channel { get; }

    public Eval.V1.EvalService.EvalServiceClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the service; <c>settings</c> are overrides applied last (e.g. another Eval:TaskQueue for a second service on the same emulator).</summary>
    public static async Task<EvalServiceHost> StartAsync(
        string temporalAddress, LlmGatewayServer gateway, string databaseConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = temporalAddress,
            ["TEMPORAL_NAMESPACE"] = "default",
            ["LlmGateway:BaseUrl"] = gateway.BaseAddress.ToString(),
            ["LlmGateway:ApiKey"] = gateway.ApiKey,
            ["ConnectionStrings:evaldb"] = databaseConnectionString,
            ["Eval:WebhookSecret"] = WebhookSecret,
            ["Eval:PayloadKey"] = PayloadKey,
            ["Eval:WatchInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapEvalGrpcService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EvalServiceHost(app, GrpcChannel.ForAddress(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
