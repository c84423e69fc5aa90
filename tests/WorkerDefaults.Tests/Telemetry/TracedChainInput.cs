namespace Agentic.WorkerDefaults.Tests.Telemetry;

public sealed record TracedChainInput(string Text, int ContinueTimes);
