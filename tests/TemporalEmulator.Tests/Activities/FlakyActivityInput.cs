namespace Agentic.Emulator.Tests.Activities;

public record FlakyActivityInput(int SucceedOnAttempt, string ErrorType, bool NonRetryable, TimeSpan? NextRetryDelay);
