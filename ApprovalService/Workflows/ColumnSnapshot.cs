namespace Agentic.ApprovalService.Workflows;

/// <summary>A column as the dbt project has it at import time.</summary>
public sealed record ColumnSnapshot(string Name, string? DataType, string Description);
