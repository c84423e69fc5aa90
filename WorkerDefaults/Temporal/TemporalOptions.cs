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
    public const string StartupDeadlineKey = "Temporal:StartupDeadline";

    /// <summary>The frontend's gRPC address as <c>host:port</c> (no scheme).</summary>
    public string? Address { get; set; }

    public string Namespace { get; set; } = DefaultNamespace;

    /// <summary>
    /// How long a worker may wait for Temporal at start before that is a failure: until then the worker is
    /// starting (health Degraded, logs at Information), after it Unhealthy with an error in the log.
    /// </summary>
    public TimeSpan StartupDeadline { get; set; } = TimeSpan.FromMinutes(2);
}
