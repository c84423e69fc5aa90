using System.Globalization;
using Agentic.Emulator;
using Agentic.LocalGateway;
using Agentic.Testing;

namespace Agentic.EvalService.Tests.Integration;

/// <summary>
/// What the end-to-end eval tests share, started once: Redis, PostgreSQL, the Temporal emulator (real time:
/// live budgets are wall-clock), the real gateway with its simulated provider (and the LLMBar judges' recorded
/// answers), and the eval service itself.
/// Tests keep apart by suite names and conversation ids.
/// </summary>
public sealed class EvalEnvironment : IAsyncLifetime
{
    /// <summary>Every simulated judge call takes this long, so a 10 ms judge timeout always fires.</summary>
    public static readonly TimeSpan JudgeLatency = TimeSpan.FromMilliseconds(100);

    private RedisServer? _redis;
    private PostgresServer? _postgres;
    private TemporalEmulator? _emulator;
    private LlmGatewayServer? _gateway;
    private EvalServiceHost? _service;

    /// <summary>A simulated chat model with a price at the gateway (US dollars per million tokens: 2 in, 8 out).</summary>
    public const string PricedModel = "sim-priced";

    public const decimal PricedInputPerMillion = 2m;

    public const decimal PricedOutputPerMillion = 8m;

    private static readonly Dictionary<string, string?> PricedModelSettings = new()
    {
        [$"LlmGateway:Models:{PricedModel}:Deployments:0:Provider"] = "simulated",
        [$"LlmGateway:Models:{PricedModel}:Price:InputPerMillion"] = PricedInputPerMillion.ToString(CultureInfo.InvariantCulture),
        [$"LlmGateway:Models:{PricedModel}:Price:OutputPerMillion"] = PricedOutputPerMillion.ToString(CultureInfo.InvariantCulture),
        [$"RateLimiting:Models:{PricedModel}:RequestsPerMinute"] = "1000000000",
        [$"RateLimiting:Models:{PricedModel}:TokensPerMinute"] = "100000000000",
    };

    public TemporalEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    public EvalServiceHost Service => _service ?? throw new InvalidOperationException("not started");

    public LlmGatewayServer Gateway => _gateway ?? throw new InvalidOperationException("not started");

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("not started");

    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>The LLMBar judges' recorded answers, replayed by the gateway's simulated provider.</summary>
    public string RecordingsPath { get; } = Path.Combine(Path.GetTempPath(), $"llmbar-judges-{Guid.NewGuid():N}.jsonl");

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _postgres = await PostgresServer.StartAsync();
        DatabaseConnectionString = await _postgres.CreateDatabaseAsync("eval");
        _emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions());
        LlmBarRecordings.Write(RecordingsPath);
        _gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions
        {
            RedisConnectionString = _redis.ConnectionString,
            Latency = JudgeLatency,
            Settings = new Dictionary<string, string?>(LlmBarRecordings.GatewaySettings(RecordingsPath).Concat(PricedModelSettings)),
        });
        _service = await EvalServiceHost.StartAsync(_emulator.Address, _gateway, DatabaseConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        File.Delete(RecordingsPath);
    }
}
