namespace Agentic.Emulator.Tests.Common;

/// <summary>Every wait on the emulator has a deadline, so a broken feature fails the test instead of hanging it.</summary>
public static class Deadlines
{
    // Generous: the suite shares two cores with other work.
    public static readonly TimeSpan Result = TimeSpan.FromSeconds(45);

    public static Task<T> WithDeadline<T>(this Task<T> task, TimeSpan? deadline = null) => task.WaitAsync(deadline ?? Result);

    public static Task WithDeadline(this Task task, TimeSpan? deadline = null) => task.WaitAsync(deadline ?? Result);
}
