using Temporalio.Client;

namespace Agentic.BatchService.Bench;

/// <summary>Events and bytes of a job's histories: every run of the job workflow and every part's workflow.</summary>
public sealed record HistorySize(int JobRuns, long JobEvents, long JobBytes, long LargestRunBytes, long PartEvents, long PartBytes)
{
    public static async Task<HistorySize> MeasureAsync(string temporalAddress, string jobId, int parts)
    {
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(temporalAddress) { Namespace = "default" });
        var workflowId = "batch-" + jobId;
        var (runs, jobEvents, jobBytes, largest) = await MeasureRunsAsync(client, workflowId);

        long partEvents = 0, partBytes = 0;
        for (var part = 0; part < parts; part++)
        {
            var history = await client.GetWorkflowHandle($"{workflowId}/part-{part:D6}").FetchHistoryAsync();
            partEvents += history.Events.Count;
            partBytes += history.Events.Sum(e => (long)e.CalculateSize());
        }

        return new HistorySize(runs, jobEvents, jobBytes, largest, partEvents, partBytes);
    }

    /// <summary>Every continue-as-new run of one workflow id, newest back to the first: runs, events, bytes, the largest run's bytes.</summary>
    public static async Task<(int Runs, long Events, long Bytes, long LargestRunBytes)> MeasureRunsAsync(ITemporalClient client, string workflowId)
    {
        ArgumentNullException.ThrowIfNull(client);
        long events = 0, total = 0, largest = 0;
        var runs = 0;
        string? runId = null;
        do
        {
            var history = await client.GetWorkflowHandle(workflowId, runId).FetchHistoryAsync();
            var bytes = history.Events.Sum(e => (long)e.CalculateSize());
            runs++;
            events += history.Events.Count;
            total += bytes;
            largest = Math.Max(largest, bytes);
            runId = history.Events.First().WorkflowExecutionStartedEventAttributes.ContinuedExecutionRunId;
        }
        while (!string.IsNullOrEmpty(runId));

        return (runs, events, total, largest);
    }
}
