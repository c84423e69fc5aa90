namespace Agentic.Deploy;

/// <summary>A worker's few settings; everything else (network, telemetry, alarms, dashboard) comes with it.</summary>
public sealed record TemporalWorkerServiceProps
{
    /// <summary>The service's name: its image repository, log group, OTel service name and dashboard row.</summary>
    public required string Service { get; init; }

    /// <summary>The task queue the worker polls (the alarms and widgets select its metrics by it).</summary>
    public required string TaskQueue { get; init; }

    public int Cpu { get; init; } = 512;

    public int MemoryMiB { get; init; } = 1024;

    public int MinTasks { get; init; } = 1;

    public int MaxTasks { get; init; } = 4;

    /// <summary>The worker calls LLMs: it gets a caller key of its own and the gateway's address.</summary>
    public bool UsesGateway { get; init; }

    /// <summary>The PostgreSQL database the worker keeps state in (its <c>ConnectionStrings__</c> name), if any.</summary>
    public string? Database { get; init; }

    public WorkerAlarmThresholds Alarms { get; init; } = new();
}
