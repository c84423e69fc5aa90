namespace Agentic.Emulator.Tests.ChildWorkflows;

/// <param name="Mode">"fan-out", "close-policy", "cancel-child", "signal-child",
/// "duplicate-child" or "child-fails".</param>
/// <param name="Children">How many children to fan out to.</param>
/// <param name="ClosePolicy">For close-policy: what happens to the waiting child when the parent closes.</param>
public record ParentInput(string Mode, int Children = 0, string ClosePolicy = "Terminate");
