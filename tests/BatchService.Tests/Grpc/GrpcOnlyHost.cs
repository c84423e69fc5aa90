using System.Net;
using Agentic.BatchService.Grpc;
using Agentic.BatchService.Options;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Client;

namespace Agentic.BatchService.Tests.Grpc;

/// <summary>
/// The batch gRPC service over real HTTP/2 on loopback with a Temporal client that never connects:
/// enough for request validation, which answers before Temporal is asked anything.
/// </summary>
public sealed class GrpcOnlyHost : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The only directory requests may name; test files live under it.</summary>
    public static string AllowedRoot { get; } = Path.Combine(Path.GetTempPath(), "batch-tests");

    public Batch.V1.BatchService.BatchServiceClient Client { get; private set; } = null!;

    public Batch.V1.ShadowComparisonService.ShadowComparisonServiceClient Shadow { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddOptions<BatchOptions>().Configure(options => options.AllowedRoots.Add(AllowedRoot));
        builder.Services.AddSingleton<ITemporalClient>(
            TemporalClient.CreateLazy(new TemporalClientConnectOptions("127.0.0.1:1")));
        builder.Services.AddSingleton<BatchJobClient>();
        builder.Services.AddSingleton<ShadowJobClient>();
        builder.Services.AddOptions<ShadowOptions>();
        // Validation answers before the model is looked up, so the gateway address is never called.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LlmGateway:BaseUrl"] = "http://127.0.0.1:1/",
            ["LlmGateway:ApiKey"] = "unused",
        });
        builder.AddLlmGatewayClient();
        builder.Services.AddSingleton<ModelCheck>();
        _app = builder.Build();
        _app.MapBatchGrpcService();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Channel = GrpcChannel.ForAddress(address);
        Client = new Batch.V1.BatchService.BatchServiceClient(Channel);
        Shadow = new Batch.V1.ShadowComparisonService.ShadowComparisonServiceClient(Channel);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
