namespace Agentic.ApprovalService.Workflows;

/// <summary>How long a proposal waits before a reminder, an escalation and expiry; and its run length.</summary>
public sealed record ApprovalTimings(TimeSpan ReminderAfter, TimeSpan EscalationAfter, TimeSpan ExpiryAfter, int EventsPerRun);
