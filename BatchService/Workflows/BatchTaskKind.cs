namespace Agentic.BatchService.Workflows;

public enum BatchTaskKind
{
    Chat,
    Embedding,

    /// <summary>A chat answer that must be a JSON value conforming to the task's schema (validated, retried with feedback).</summary>
    Structured,
}
