namespace Agentic.ApprovalService.Tests.GitHub;

/// <summary>One request the GitHub API server received: method, path with query, Authorization header and body.</summary>
public sealed record RecordedRequest(string Method, string Path, string Authorization, string Body);
