namespace Agentic.BatchService.Workflows;

/// <summary>One side of a shadow comparison: its file, how to read it, and which fields hold the id and the text.</summary>
public record ShadowSideSpec(string Path, BatchInputFormat Format, string RowIdColumn, string TextColumn);
