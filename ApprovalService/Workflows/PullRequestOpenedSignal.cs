namespace Agentic.ApprovalService.Workflows;

/// <summary>The pull request that carries this proposal's approved items.</summary>
public sealed record PullRequestOpenedSignal(string Url, IReadOnlyList<string> Keys);
