namespace Agentic.BatchService.Input;

/// <summary>One record of a shadow comparison side: its id, text and category, or why it could not be read.</summary>
public sealed record ShadowRow(long? Line, string? RowId, string? Text, string? Category, string? Error);
