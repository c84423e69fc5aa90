namespace Agentic.Emulator.Tests.TimeSkipping;

/// <param name="RanAt">The run's workflow clock.</param>
/// <param name="Run">1 for the first run; each later run counts on from the previous run's result.</param>
public record CronOutput(DateTime RanAt, int Run);
