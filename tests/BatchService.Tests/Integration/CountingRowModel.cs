using Agentic.BatchService.Activities;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>The real gateway-backed model, counting calls on the way through.</summary>
public sealed class CountingRowModel(IRowModel inner, RowCallCounter counter) : IRowModel
{
    public Task<RowModelResult> CallAsync(BatchTaskSpec task, string prompt, IReadOnlyList<RowFeedback> feedback, CancellationToken cancellationToken)
    {
        counter.Add(prompt);
        return inner.CallAsync(task, prompt, feedback, cancellationToken);
    }
}
