namespace Agentic.WorkerDefaults.Temporal;

/// <summary>What the gated worker is doing right now; read by the "temporal" health check.</summary>
public enum TemporalWorkerState
{
    WaitingForTemporal,
    Running,
    Stopped,
    Faulted,
}
