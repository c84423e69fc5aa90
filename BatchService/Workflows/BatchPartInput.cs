namespace Agentic.BatchService.Workflows;

/// <summary>One batch: a row range of the input and where its output part goes.</summary>
public record BatchPartInput(
    string JobId,
    int PartIndex,
    long FirstRow,
    int RowCount,
    string PlanIndexPath,
    BatchInputSpec Input,
    BatchTaskSpec Task,
    string OutputLocation,
    long? TokenAllowance,
    TimeSpan HeartbeatTimeout,
    BatchOutputFormat OutputFormat = BatchOutputFormat.Jsonl,
    string? ResultSink = null);
