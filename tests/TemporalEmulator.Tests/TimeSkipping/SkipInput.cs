namespace Agentic.Emulator.Tests.TimeSkipping;

/// <param name="Mode">"timer" waits Wait on a timer, "retry" runs an activity whose retry waits Wait,
/// "race" races a timer of Wait against a short real activity;
/// anything else returns at once.</param>
/// <param name="Wait">The virtual time the workflow waits.</param>
public record SkipInput(string Mode, TimeSpan Wait);
