namespace Agentic.ApprovalService.Workflows;

public sealed record NotificationResult(bool Sent);
