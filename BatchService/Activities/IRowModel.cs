using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>
/// One model call for one row. Failures are the gateway client's <c>ApplicationFailureException</c>s
/// (rate limited, retryable upstream error, non-retryable bad request) or transport exceptions.
/// </summary>
public interface IRowModel
{
    Task<RowModelResult> CallAsync(BatchTaskSpec task, string prompt, CancellationToken cancellationToken);
}
