namespace Agentic.BatchService.Workflows;

/// <summary>Where the rows come from. Only the reference travels through history, never row data.</summary>
public record BatchInputSpec(string Path, BatchInputFormat Format, string RowIdColumn);
