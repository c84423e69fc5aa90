namespace Agentic.ApprovalService.Workflows;

public sealed record AuditResult(int Rows);
