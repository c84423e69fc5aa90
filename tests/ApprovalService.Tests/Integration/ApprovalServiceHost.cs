using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Agentic.ApprovalService.Tests.Integration;

/// <summary>The approval service in this process, composed as Program.cs composes it, serving gRPC on a loopback port.</summary>
internal sealed class ApprovalServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApprovalServiceHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
        Client = new Approval.V1.ApprovalService.ApprovalServiceClient(channel);
    }

    public GrpcChannel Channel { get; }

    public Approval.V1.ApprovalService.ApprovalServiceClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApprovalServiceHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        var configuration = new Dictionary<string, string?>
        {
            ["TEMPORAL_NAMESPACE"] = "default",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Approval:MergePollInterval"] = "00:00:00.100",
            ["Approval:PullRequestDebounce"] = "00:00:00.200",
            ["Approval:Users:ada:Groups:0"] = "data-engineering",
            ["Approval:Users:eve:Groups:0"] = "marketing",
            ["Approval:Users:root:Groups:0"] = "admins",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapApprovalGrpcService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApprovalServiceHost(app, GrpcChannel.ForAddress(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
