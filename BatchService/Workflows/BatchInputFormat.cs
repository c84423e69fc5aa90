namespace Agentic.BatchService.Workflows;

public enum BatchInputFormat
{
    Jsonl,
    Csv,
    Parquet,
}
