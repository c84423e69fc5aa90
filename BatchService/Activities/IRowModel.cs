using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>
/// One model call for one row, after the row's earlier rejected answers (<c>feedback</c>, oldest first;
/// empty on the first call). Failures are the gateway client's <c>ApplicationFailureException</c>s
/// (rate limited, retryable upstream error, non-retryable bad request) or transport exceptions.
/// </summary>
public interface IRowModel
{
    Task<RowModelResult> CallAsync(BatchTaskSpec task, string prompt, IReadOnlyList<RowFeedback> feedback, CancellationToken cancellationToken);
}
