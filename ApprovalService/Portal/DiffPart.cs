namespace Agentic.ApprovalService.Portal;

public sealed record DiffPart(DiffKind Kind, string Text);
