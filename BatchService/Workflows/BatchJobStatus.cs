namespace Agentic.BatchService.Workflows;

public enum BatchJobStatus
{
    Planning,
    Running,
    Completed,
    Cancelled,
    BudgetExhausted,
    Failed,
}
