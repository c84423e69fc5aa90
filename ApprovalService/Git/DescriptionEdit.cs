namespace Agentic.ApprovalService.Git;

/// <summary>Set the description of a node (<see cref="Column"/> null) or of one of its columns.</summary>
/// <remarks><see cref="Section"/> is the YAML list the node lives in: "models", "seeds", "snapshots" or "sources".</remarks>
public sealed record DescriptionEdit(string Section, string NodeName, string? SourceName, string? Column, string Text);
