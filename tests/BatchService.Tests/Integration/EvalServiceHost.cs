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

namespace Agentic.BatchService.Tests.Integration;

/// <summary>
/// The eval service in this process, composed as its Program.cs composes it (worker and gRPC server), for the
/// shadow comparison's jury: its jury workflow runs on its own task queue, its judges call the gateway.
/// </summary>
public sealed class EvalServiceHost : IAsyncDisposable
{
    /// <summary>Base64 of 32 bytes: eval-service's Temporal payload key here; the batch host needs it to read the jury's answers.</summary>
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

    public static async Task<EvalServiceHost> StartAsync(string temporalAddress, LlmGatewayServer gateway, string databaseConnectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = temporalAddress,
            ["TEMPORAL_NAMESPACE"] = "default",
            ["LlmGateway:BaseUrl"] = gateway.BaseAddress.ToString(),
            ["LlmGateway:ApiKey"] = gateway.ApiKey,
            ["ConnectionStrings:evaldb"] = databaseConnectionString,
            ["Eval:PayloadKey"] = PayloadKey,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddBasicServiceDefaults();
        Agentic.EvalService.EvalServiceExtensions.AddApplicationServices(builder);
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
