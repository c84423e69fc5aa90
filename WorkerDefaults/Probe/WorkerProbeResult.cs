namespace Agentic.WorkerDefaults.Probe;

/// <summary>Which service's worker ran the probe, on which task queue.</summary>
public sealed record WorkerProbeResult(string ServiceName, string TaskQueue, string Token);
