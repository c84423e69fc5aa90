namespace Agentic.BatchService.Workflows;

/// <summary>
/// Where the rows come from. Only the reference travels through history, never row data. Planning refuses
/// an input whose row ids repeat unless <see cref="AllowDuplicateRowIds"/> is set. <see cref="Columns"/> selects
/// the Parquet columns read (dotted paths; null or empty: all flat columns).
/// </summary>
public record BatchInputSpec(
    string Path, BatchInputFormat Format, string RowIdColumn, bool AllowDuplicateRowIds = false, IReadOnlyList<string>? Columns = null);
