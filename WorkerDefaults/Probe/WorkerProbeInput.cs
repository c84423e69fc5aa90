namespace Agentic.WorkerDefaults.Probe;

/// <summary>A caller's token, echoed back so the caller knows the answer is to its own probe.</summary>
public sealed record WorkerProbeInput(string Token);
