using Agentic.Batch.V1;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>Waits on conditions with deadlines (never fixed sleeps as synchronisation).</summary>
public static class BatchWaits
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {timeout}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task<BatchStatus> UntilTerminalAsync(Batch.V1.BatchService.BatchServiceClient client, string jobId, TimeSpan timeout)
    {
        BatchStatus? status = null;
        await UntilAsync(
            async () =>
            {
                status = await client.GetBatchAsync(new GetBatchRequest { JobId = jobId });
                return status.State is BatchState.Completed or BatchState.Cancelled or BatchState.BudgetExhausted or BatchState.Failed;
            },
            timeout);
        return status!;
    }
}
