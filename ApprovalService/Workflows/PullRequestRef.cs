namespace Agentic.ApprovalService.Workflows;

/// <summary>An opened pull request: its address, branch and the commit it proposes.</summary>
public sealed record PullRequestRef(string Url, string Branch, string BaseBranch, string HeadCommit, int? Number);
