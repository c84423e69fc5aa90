namespace Agentic.Emulator.Tests.Start;

/// <param name="Label">Echoed back so a test can tell runs apart.</param>
/// <param name="WaitForRelease">Block until the <c>Release</c> signal.</param>
/// <param name="FailBeforeAttempt">Fail every attempt below this one (workflow retry tests).</param>
public record StartInput(string Label, bool WaitForRelease = false, int FailBeforeAttempt = 0);
