namespace Agentic.LlmGateway.Simulation;

/// <summary>Behaviour of the built-in simulated provider (section "Simulation").</summary>
public sealed class SimulatedProviderOptions
{
    public const string SectionName = "Simulation";

    /// <summary>
    /// Whether the gateway serves the simulated provider (under /simulated) and routes keyless providers to it.
    /// Off unless configured: the AppHost turns it on for the dev loop; a production gateway never carries it by accident.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Mean time before the first byte of a response.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Standard deviation of a log-normal latency around <see cref="Latency"/>; zero gives a fixed latency.</summary>
    public TimeSpan LatencyJitter { get; set; }

    /// <summary>Share of requests answered with 429 and Retry-After.</summary>
    public double RateLimitFaultRate { get; set; }

    /// <summary>Share of requests answered with 500.</summary>
    public double ServerErrorFaultRate { get; set; }

    /// <summary>Share of requests that never answer (until the caller gives up).</summary>
    public double TimeoutFaultRate { get; set; }

    /// <summary>Share of requests whose response is cut mid-way (the connection is aborted).</summary>
    public double DropStreamFaultRate { get; set; }

    /// <summary>How long an injected 429 tells the caller to wait.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between server-sent event chunks of a streamed completion.</summary>
    public TimeSpan StreamChunkDelay { get; set; }

    /// <summary>Pause between chunks when the "slow-stream" fault is forced.</summary>
    public TimeSpan SlowStreamChunkDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Length of the embedding vectors (unless the request asks for fewer with "dimensions").</summary>
    public int EmbeddingDimensions { get; set; } = 256;

    /// <summary>Model names served; empty means ["sim-chat", "sim-embed"].</summary>
    /// <remarks>Defaults are applied after binding because binding appends to a list initialised here.</remarks>
    public IList<string> Models { get; set; } = [];

    /// <summary>
    /// A recorded-answers file (JSON Lines; absolute, or relative to the working directory): requests it matches get
    /// the recorded answer and latency instead of a generated one. Format: LlmGateway/README.md, "Recorded answers".
    /// </summary>
    public string? RecordedAnswers { get; set; }

    /// <summary>Seed of the random draws for latency and faults (output text depends only on the request).</summary>
    public int Seed { get; set; } = 1;

    internal static readonly string[] DefaultModels = ["sim-chat", "sim-embed"];
}
