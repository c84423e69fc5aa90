namespace Agentic.WorkerDefaults.Tests.Telemetry;

public sealed record LoggedInput(string Text);
