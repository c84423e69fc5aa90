namespace Agentic.WorkerDefaults.Temporal;

/// <summary>A gated worker's state and when it entered it.</summary>
public readonly record struct TemporalWorkerStatus(TemporalWorkerState State, DateTimeOffset Since);
