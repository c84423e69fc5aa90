namespace Agentic.ApprovalService.Workflows;

/// <summary>Who decides, with the groups the service resolved for them (never a credential).</summary>
public sealed record Reviewer(string Name, IReadOnlyList<string> Groups, bool IsAdmin);
