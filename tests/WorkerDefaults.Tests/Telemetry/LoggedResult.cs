namespace Agentic.WorkerDefaults.Tests.Telemetry;

public sealed record LoggedResult(string Text);
