namespace Agentic.EvalService.Datasets;

/// <summary>How a dataset's cases are written: one JSON object per line, or CSV with a header row.</summary>
public enum DatasetFileFormat
{
    Jsonl,
    Csv,
}
