namespace Agentic.ApprovalService.Portal;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}
