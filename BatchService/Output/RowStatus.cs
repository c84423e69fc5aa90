namespace Agentic.BatchService.Output;

public enum RowStatus
{
    Succeeded,
    Failed,
    Skipped,
}
