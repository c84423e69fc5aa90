using System.Net;
using Agentic.Emulator.Executions;
using Agentic.Emulator.Frontend;
using Agentic.Emulator.Persistence;
using Agentic.Emulator.Time;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;

namespace Agentic.Emulator;

/// <summary>
/// An in-memory Temporal frontend on a loopback port, for tests, benchmarks and the no-Docker dev loop.
/// The real Temporalio client and worker talk to it over gRPC (plaintext HTTP/2).
/// </summary>
public sealed class TemporalEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorContext _context;
    private readonly EmulatorClock _clock;

    private TemporalEmulator(WebApplication app, EmulatorContext context, EmulatorClock clock, string address, string @namespace, ITemporalClient client)
    {
        _app = app;
        _context = context;
        _clock = clock;
        Address = address;
        Namespace = @namespace;
        Client = client;
    }

    /// <summary>host:port, the form TEMPORAL_ADDRESS takes.</summary>
    public string Address { get; }

    public string Namespace { get; }

    /// <summary>A real Temporalio client connected to <see cref="Address"/> and <see cref="Namespace"/>.</summary>
    public ITemporalClient Client { get; }

    public static async Task<TemporalEmulator> StartAsync(TemporalEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TemporalEmulatorOptions();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var clock = new EmulatorClock(TimeProvider.System, options.TimeSkipping, loggerFactory.CreateLogger<EmulatorClock>());
        var store = string.IsNullOrEmpty(options.DatabaseFile) ? null : new SqliteEmulatorStore(options.DatabaseFile);
        var context = new EmulatorContext(clock, loggerFactory)
        {
            SuggestContinueAsNewAt = (options.SuggestContinueAsNewHistoryCount, options.SuggestContinueAsNewHistorySizeBytes),
            Store = store,
        };
        if (store is not null)
        {
            // Before anything reads the time: restored runs set their timers in virtual time.
            ClockOffsetDocument.Attach(clock, store);
        }

        context.RestoreRegistrations();
        context.Namespaces.TryRegister(options.Namespace, "registered at start", null);
        if (store is not null)
        {
            context.Executions.Restore(store.LoadRuns());
            context.Schedules.RestoreStored();
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TemporalEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;

            // One SDK connection carries every long poll (workflow results, task polls); Kestrel's default of
            // 100 streams would queue task completions behind waiting polls.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 100_000;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 4 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = 128 * 1024 * 1024;
            grpc.MaxSendMessageSize = null;
            grpc.EnableDetailedErrors = true;
        });
        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton<WorkflowServiceEndpoint>();
        builder.Services.AddSingleton<IServiceMethodProvider<WorkflowServiceEndpoint>>(
            new ProtobufServiceBinder<WorkflowServiceEndpoint>(ServiceReflection.Descriptor.Services[0]));
        builder.Services.AddSingleton<OperatorServiceEndpoint>();
        builder.Services.AddSingleton<IServiceMethodProvider<OperatorServiceEndpoint>>(
            new ProtobufServiceBinder<OperatorServiceEndpoint>(Temporalio.Api.OperatorService.V1.ServiceReflection.Descriptor.Services[0]));
        builder.Services.AddSingleton(HealthService.Create());
        builder.Services.AddSingleton<TestServiceEndpoint>();
        builder.Services.AddSingleton<IServiceMethodProvider<TestServiceEndpoint>>(
            new ProtobufServiceBinder<TestServiceEndpoint>(Temporalio.Api.TestService.V1.ServiceReflection.Descriptor.Services[0]));

        var app = builder.Build();
        app.MapGrpcService<WorkflowServiceEndpoint>();
        app.MapGrpcService<TestServiceEndpoint>();
        app.MapGrpcService<OperatorServiceEndpoint>();
        app.MapGrpcService<Grpc.HealthCheck.HealthServiceImpl>();
        await app.StartAsync(cancellationToken);

        var port = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address).Port)
            .First();
        var address = $"127.0.0.1:{port}";
        try
        {
            var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(address) { Namespace = options.Namespace });
            return new TemporalEmulator(app, context, clock, address, options.Namespace, client);
        }
        catch
        {
            await app.DisposeAsync();
            clock.Dispose();
            store?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _context.Stopping.CancelAsync();
        _context.TaskQueues.ReleaseAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _clock.Dispose();
        _context.Store?.Dispose();
        _context.Stopping.Dispose();
    }
}
