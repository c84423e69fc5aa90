namespace Agentic.WorkerDefaults.Tests.Telemetry;

public sealed record TracedResult(string Text);
