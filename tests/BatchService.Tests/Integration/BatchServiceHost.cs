using System.Net;
using Agentic.BatchService.Activities;
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
/// The batch service in this process, composed exactly as Program.cs composes it (worker and gRPC server
/// in one host), listening for gRPC on a loopback port. Disposing it stops the worker mid-job.
/// </summary>
public sealed class BatchServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BatchServiceHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
        Client = new Batch.V1.BatchService.BatchServiceClient(channel);
        Shadow = new Batch.V1.ShadowComparisonService.ShadowComparisonServiceClient(channel);
    }

    public GrpcChannel Channel { get; }

    public Batch.V1.BatchService.BatchServiceClient Client { get; }

    public Batch.V1.ShadowComparisonService.ShadowComparisonServiceClient Shadow { get; }

    public static async Task<BatchServiceHost> StartAsync(
        string temporalAddress,
        Uri gatewayAddress,
        string gatewayApiKey,
        IReadOnlyDictionary<string, string?>? settings = null,
        RowCallCounter? counter = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        var configuration = new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = temporalAddress,
            ["TEMPORAL_NAMESPACE"] = "default",
            ["LlmGateway:BaseUrl"] = gatewayAddress.ToString(),
            ["LlmGateway:ApiKey"] = gatewayApiKey,
            ["Batch:CheckpointInterval"] = "00:00:00.050",
            ["Batch:PartHeartbeatTimeout"] = "00:00:05",
            ["Batch:RowRetryDelay"] = "00:00:00.020",
            ["Batch:WatchInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddBasicServiceDefaults();
        builder.AddApplicationServices();
        if (counter is not null)
        {
            // Decorate whatever the service registered as its row model: calls are counted on the way through.
            var inner = builder.Services.Last(service => service.ServiceType == typeof(IRowModel));
            builder.Services.AddTransient<IRowModel>(services => new CountingRowModel(
                (IRowModel)(inner.ImplementationFactory?.Invoke(services)
                    ?? ActivatorUtilities.CreateInstance(services, inner.ImplementationType!)),
                counter));
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapBatchGrpcService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address);
        return new BatchServiceHost(app, channel);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
