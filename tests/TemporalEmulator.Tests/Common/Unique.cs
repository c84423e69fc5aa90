namespace Agentic.Emulator.Tests.Common;

/// <summary>Fresh names so tests sharing one emulator never see each other's tasks or workflows.</summary>
public static class Unique
{
    public static string TaskQueue() => $"tq-{Guid.NewGuid():N}";

    public static string WorkflowId(string prefix = "wf") => $"{prefix}-{Guid.NewGuid():N}";
}
