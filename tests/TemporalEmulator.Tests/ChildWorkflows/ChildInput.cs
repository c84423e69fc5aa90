namespace Agentic.Emulator.Tests.ChildWorkflows;

/// <param name="Mode">"double" returns Number * 2, "wait" waits for Finish, "fail" fails.</param>
/// <param name="Number">The child's number.</param>
public record ChildInput(string Mode, int Number);
