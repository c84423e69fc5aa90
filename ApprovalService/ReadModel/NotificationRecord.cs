namespace Agentic.ApprovalService.ReadModel;

/// <summary>A reminder, escalation or expiry sent to an owner group, and how its webhook delivery went.</summary>
public sealed record NotificationRecord(
    string Project, string UniqueId, string Name, string OwnerGroup, string Kind, int Pending, DateTime At, string? WebhookStatus);
