using Agentic.Emulator;
using Agentic.LocalGateway;
using Agentic.Testing;

namespace Agentic.ApprovalService.Tests.Integration;

/// <summary>
/// Shared by every end-to-end test: Redis and the real gateway (simulated provider), one PostgreSQL server, and two
/// emulators each with its own approval service: one in real time (people take their time) and one that skips time
/// whenever nothing runs (reminders, escalation and expiry in seconds). Tests isolate themselves by project name.
/// </summary>
public sealed class ApprovalEnvironment : IAsyncLifetime
{
    private RedisServer? _redis;
    private PostgresServer? _postgres;
    private LlmGatewayServer? _gateway;
    private string? _auditDatabase;

    public TemporalEmulator Emulator { get; private set; } = null!;

    public TemporalEmulator SkippingEmulator { get; private set; } = null!;

    internal ApprovalServiceHost Service { get; private set; } = null!;

    internal ApprovalServiceHost SkippingService { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _postgres = await PostgresServer.StartAsync();
        _gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = _redis.ConnectionString,
            // Drafts asked for with the feedback "xss-probe" come back with markup in them (the portal must show it as text).
            Settings = new Dictionary<string, string?> { ["Simulation:RecordedAnswers"] = Path.Combine(AppContext.BaseDirectory, "TestData", "recorded-drafts.jsonl") },
        });
        Emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions());
        SkippingEmulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { TimeSkipping = true });
        var settings = await SettingsAsync(Emulator);
        _auditDatabase = settings["ConnectionStrings:approvaldb"];
        Service = await ApprovalServiceHost.StartAsync(settings);
        SkippingService = await ApprovalServiceHost.StartAsync(await SettingsAsync(SkippingEmulator));
    }

    public async Task DisposeAsync()
    {
        await DisposeQuietlyAsync(SkippingService);
        await DisposeQuietlyAsync(Service);
        await DisposeQuietlyAsync(SkippingEmulator);
        await DisposeQuietlyAsync(Emulator);
        await DisposeQuietlyAsync(_gateway);
        await DisposeQuietlyAsync(_postgres);
        await DisposeQuietlyAsync(_redis);
    }

    /// <summary>A further service with a task queue of its own (stopped by the caller), on the real-time emulator or the time-skipping one.</summary>
    internal async Task<ApprovalServiceHost> StartServiceAsync(
        string taskQueue, IReadOnlyDictionary<string, string?>? extra = null, Microsoft.Extensions.Logging.ILoggerProvider? logs = null, bool skipping = false)
    {
        var settings = await SettingsAsync(skipping ? SkippingEmulator : Emulator);
        settings["ConnectionStrings:approvaldb"] = _auditDatabase;
        settings["Approval:TaskQueue"] = taskQueue;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await ApprovalServiceHost.StartAsync(settings, logs);
    }

    private async Task<Dictionary<string, string?>> SettingsAsync(TemporalEmulator emulator) => new()
    {
        ["TEMPORAL_ADDRESS"] = emulator.Address,
        ["LlmGateway:BaseUrl"] = _gateway!.BaseAddress.ToString(),
        ["LlmGateway:ApiKey"] = _gateway.ApiKey,
        ["ConnectionStrings:approvaldb"] = await _postgres!.CreateDatabaseAsync("approval"),
    };

    private static async Task DisposeQuietlyAsync(IAsyncDisposable? disposable)
    {
        if (disposable is not null)
        {
            await disposable.DisposeAsync();
        }
    }
}
