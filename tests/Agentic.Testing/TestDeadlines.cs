namespace Agentic.Testing;

/// <summary>Placeholder; the Foundation work adds the server fixtures here.</summary>
public static class TestDeadlines
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);
}
