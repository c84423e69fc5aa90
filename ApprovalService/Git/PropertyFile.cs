namespace Agentic.ApprovalService.Git;

/// <summary>A property file (repository-relative path) and the edits it receives.</summary>
public sealed record PropertyFile(string Path, IReadOnlyList<DescriptionEdit> Edits);
