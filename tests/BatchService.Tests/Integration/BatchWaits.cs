using Agentic.Batch.V1;
using Agentic.Testing;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>Waits for a job to reach a terminal state (through <see cref="Poll"/>: never a fixed sleep).</summary>
public static class BatchWaits
{
    public static async Task<BatchStatus> UntilTerminalAsync(Batch.V1.BatchService.BatchServiceClient client, string jobId, TimeSpan timeout)
    {
        BatchStatus? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                status = await client.GetBatchAsync(new GetBatchRequest { JobId = jobId });
                return status.State is BatchState.Completed or BatchState.Cancelled or BatchState.BudgetExhausted or BatchState.Failed;
            },
            timeout);
        return status!;
    }
}
