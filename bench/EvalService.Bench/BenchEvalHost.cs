using System.Net;
using Agentic.LocalGateway;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Agentic.EvalService.Bench;

/// <summary>The eval service in this process, composed as its Program.cs composes it, gRPC on a loopback port.</summary>
internal sealed class BenchEvalHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private BenchEvalHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        _channel = channel;
        Client = new Eval.V1.EvalService.EvalServiceClient(channel);
    }

    public Eval.V1.EvalService.EvalServiceClient Client { get; }

    public static async Task<BenchEvalHost> StartAsync(string temporalAddress, LlmGatewayServer gateway, string databaseConnectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = temporalAddress,
            ["TEMPORAL_NAMESPACE"] = "default",
            ["LlmGateway:BaseUrl"] = gateway.BaseAddress.ToString(),
            ["LlmGateway:ApiKey"] = gateway.ApiKey,
            ["ConnectionStrings:evaldb"] = databaseConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddBasicServiceDefaults();
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapEvalGrpcService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchEvalHost(app, GrpcChannel.ForAddress(address));
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
