namespace Agentic.WorkerDefaults.Tests.Telemetry;

public sealed record TracedInput(string Text);
