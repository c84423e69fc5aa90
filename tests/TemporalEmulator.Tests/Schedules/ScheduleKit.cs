using System.Globalization;
using Agentic.Emulator.Tests.Common;
using Temporalio.Client;
using Temporalio.Client.Schedules;

namespace Agentic.Emulator.Tests.Schedules;

/// <summary>Shared steps for schedule tests: the action, waiting on a description, reading the server's workflow ids.</summary>
public static class ScheduleKit
{
    public static ScheduleActionStartWorkflow Action(string mode, string workflowId, string taskQueue) =>
        ScheduleActionStartWorkflow.Create((ScheduledWorkflow wf) => wf.RunAsync(new ScheduledInput(mode)), new WorkflowOptions(workflowId, taskQueue));

    public static ScheduleSpec EverySecond => new() { Intervals = [new ScheduleIntervalSpec(TimeSpan.FromSeconds(1))] };

    /// <summary>Polls the schedule's description until <paramref name="condition"/> holds, and returns that description.</summary>
    public static async Task<ScheduleDescription> WaitAsync(this ScheduleHandle handle, Func<ScheduleDescription, bool> condition, string because)
    {
        ScheduleDescription? description = null;
        await Agentic.Testing.Poll.UntilAsync(
            async () => condition(description = await handle.DescribeAsync()),
            Deadlines.Result,
            $"schedule {handle.Id}: {because}");
        return description!;
    }

    public static IReadOnlyList<string> StartedIds(this ScheduleDescription description) =>
        [.. description.Info.RecentActions.Select(a => ((ScheduleActionExecutionStartWorkflow)a.Action).WorkflowId)];

    /// <summary>The nominal time the server appends to a scheduled workflow's id ("-" then RFC 3339 in UTC, whole seconds).</summary>
    public static DateTime NominalTime(string workflowId, string baseId)
    {
        Assert.StartsWith(baseId + "-", workflowId, StringComparison.Ordinal);
        var suffix = workflowId[(baseId.Length + 1)..];
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", suffix);
        return DateTime.ParseExact(suffix, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    public static async Task DeleteQuietlyAsync(this ScheduleHandle handle)
    {
        try
        {
            await handle.DeleteAsync();
        }
        catch (Temporalio.Exceptions.RpcException e) when (e.Code == Temporalio.Exceptions.RpcException.StatusCode.NotFound)
        {
        }
    }
}
