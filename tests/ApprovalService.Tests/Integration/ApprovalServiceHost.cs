using System.Net;
using Agentic.ApprovalService.Portal;
using Agentic.LocalServers;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Agentic.ApprovalService.Tests.Integration;

/// <summary>The approval service in this process, composed as Program.cs composes it, serving gRPC on a loopback port.</summary>
internal sealed class ApprovalServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>Every test user's development password.</summary>
    public const string Password = "test-password";

    public const string WebhookSecret = "test-webhook-secret";

    private ApprovalServiceHost(WebApplication app, GrpcChannel channel, Uri portalAddress)
    {
        _app = app;
        Channel = channel;
        PortalAddress = portalAddress;
        Client = new Approval.V1.ApprovalService.ApprovalServiceClient(channel);
    }

    public GrpcChannel Channel { get; }

    public Approval.V1.ApprovalService.ApprovalServiceClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The portal over HTTP/1.1 (browsers do not speak cleartext HTTP/2), e.g. "http://127.0.0.1:port/".</summary>
    public Uri PortalAddress { get; }

    public static async Task<ApprovalServiceHost> StartAsync(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        var configuration = new Dictionary<string, string?>
        {
            ["TEMPORAL_NAMESPACE"] = "default",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Approval:MergePollInterval"] = "00:00:00.100",
            ["Approval:PullRequestDebounce"] = "00:00:00.200",
            ["Approval:Users:ada:Groups:0"] = "data-engineering",
            ["Approval:Users:ada:Password"] = Password,
            ["Approval:GitHub:WebhookSecret"] = WebhookSecret,
            ["Approval:Users:eve:Password"] = Password,
            ["Approval:Users:root:Password"] = Password,
            ["Approval:Users:eve:Groups:0"] = "marketing",
            ["Approval:Users:root:Groups:0"] = "admins",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var grpcPort = FreePort.Next();
        var portalPort = FreePort.Next();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, portalPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        builder.AddApprovalPortal();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapApprovalGrpcService();
        app.MapApprovalPortal();
        await app.StartAsync();
        return new ApprovalServiceHost(app, GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}"), new Uri($"http://127.0.0.1:{portalPort}/"));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
