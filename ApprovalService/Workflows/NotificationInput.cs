namespace Agentic.ApprovalService.Workflows;

/// <summary>Tell a group that a proposal waits for them ("reminder", "escalation" or "expired"); <see cref="At"/> is workflow time.</summary>
public sealed record NotificationInput(string Project, string UniqueId, string Name, string Kind, string Group, int PendingItems, DateTime At);
