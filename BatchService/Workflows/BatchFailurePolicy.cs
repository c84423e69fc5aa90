namespace Agentic.BatchService.Workflows;

/// <summary>
/// When a job stops as FAILED instead of spending its budget on rows that all fail the same way: the first
/// <see cref="AllFailedRows"/> rows recorded all failed, or, after <see cref="MinRowsForShare"/> rows, more than
/// <see cref="MaxFailedShare"/> of them failed. Zero turns a rule off. Checked as batches finish.
/// </summary>
public record BatchFailurePolicy(int AllFailedRows, double MaxFailedShare, int MinRowsForShare)
{
    /// <summary>Why the job must stop, or null while it may go on.</summary>
    public string? Breach(BatchTotals totals)
    {
        var recorded = totals.Succeeded + totals.Failed;
        string? reason = null;
        if (AllFailedRows > 0 && totals.Succeeded == 0 && totals.Failed >= AllFailedRows)
        {
            reason = $"the first {totals.Failed} rows all failed";
        }
        else if (MaxFailedShare > 0 && MinRowsForShare > 0 && recorded >= MinRowsForShare && totals.Failed > MaxFailedShare * recorded)
        {
            reason = $"{totals.Failed} of {recorded} rows failed, more than the limit of {MaxFailedShare:P0}";
        }

        if (reason is null)
        {
            return null;
        }

        return totals.Errors is [var top, ..] ? $"stopped: {reason}; most common error: {top.Describe()}" : $"stopped: {reason}";
    }
}
