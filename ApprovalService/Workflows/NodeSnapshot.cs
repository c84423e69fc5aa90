namespace Agentic.ApprovalService.Workflows;

/// <summary>
/// One dbt node as an import saw it: what its proposal is built from. The upstream fingerprint hashes the node's
/// SQL and its parents' descriptions; when it changes, LLM drafts are stale.
/// </summary>
public sealed record NodeSnapshot(
    string UniqueId,
    string Name,
    string ResourceType,
    string OwnerGroup,
    string? SqlPath,
    string? PropertiesFile,
    string TableDescription,
    IReadOnlyList<ColumnSnapshot> Columns,
    IReadOnlyList<InheritedDescription> Inherited,
    DraftContext Context,
    string UpstreamFingerprint);
