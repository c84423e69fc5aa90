namespace Agentic.WorkerDefaults.Temporal;

/// <summary>
/// Where the worker finds Temporal, read from Temporal's standard variables so the same service runs
/// unchanged against the emulator, a dev server or a real cluster.
/// </summary>
public sealed class TemporalOptions
{
    public const string AddressKey = "TEMPORAL_ADDRESS";
    public const string NamespaceKey = "TEMPORAL_NAMESPACE";
    public const string DefaultNamespace = "default";

    /// <summary>The frontend's gRPC address as <c>host:port</c> (no scheme).</summary>
    public string? Address { get; set; }

    public string Namespace { get; set; } = DefaultNamespace;
}
