namespace Agentic.BatchService.Workflows;

public enum BatchTaskKind
{
    Chat,
    Embedding,
}
