using Agentic.Emulator;
using Agentic.LocalGateway;
using Agentic.Testing;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>
/// What every end-to-end batch test shares: one Temporal emulator and one Redis. Each test starts its
/// own gateway (its own latency and faults) and its own batch service host.
/// </summary>
public sealed class BatchEnvironment : IAsyncLifetime
{
    public const string ChatModel = "sim-chat";

    private RedisServer? _redis;
    private TemporalEmulator? _emulator;

    public TemporalEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions());
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    public Task<LlmGatewayServer> StartGatewayAsync(
        TimeSpan? latency = null, double rateLimitFaultRate = 0, double serverErrorFaultRate = 0, string? recordedAnswers = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null) =>
        LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            ConfigureServices = configureServices,
            RedisConnectionString = _redis!.ConnectionString,
            Latency = latency ?? TimeSpan.FromMilliseconds(1),
            RateLimitFaultRate = rateLimitFaultRate,
            ServerErrorFaultRate = serverErrorFaultRate,
            Settings = GatewaySettings(recordedAnswers, settings),
        });

    private static Dictionary<string, string?> GatewaySettings(string? recordedAnswers, IReadOnlyDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (recordedAnswers is not null)
        {
            all["Simulation:RecordedAnswers"] = recordedAnswers;
        }

        return all;
    }

    public Task<BatchServiceHost> StartServiceAsync(
        LlmGatewayServer gateway, Dictionary<string, string?>? settings = null, RowCallCounter? counter = null) =>
        BatchServiceHost.StartAsync(Emulator.Address, gateway.BaseAddress, gateway.ApiKey, settings, counter);
}
