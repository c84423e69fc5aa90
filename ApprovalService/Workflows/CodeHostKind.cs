namespace Agentic.ApprovalService.Workflows;

public enum CodeHostKind
{
    LocalGit = 1,
    GitHub = 2,
}
