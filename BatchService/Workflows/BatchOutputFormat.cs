namespace Agentic.BatchService.Workflows;

public enum BatchOutputFormat
{
    Jsonl,
    Parquet,
}
