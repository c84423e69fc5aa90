using System.Globalization;
using Agentic.Emulator.Tests.Common;
using Agentic.Emulator.Tests.Executable;
using Agentic.Emulator.Tests.WorkflowTasks;
using Agentic.LocalServers;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.ServerParity;

public class ContinueAsNewThresholdTests
{
    [Fact]
    public async Task SuggestContinueAsNew_HistoryCountOption_SuggestedAtThatLength()
    {
        await using var emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { SuggestContinueAsNewHistoryCount = 40 });

        var (result, events) = await RunGrowthAsync(emulator.Client);

        Assert.InRange(result.HistoryLength, 40, 200);
        var started = events.OfType(EventType.WorkflowTaskStarted).ToList();
        Assert.All(started, e => Assert.Equal(e.EventId - 1 >= 40, e.WorkflowTaskStartedEventAttributes.SuggestContinueAsNew));
    }

    [Fact]
    public async Task SuggestContinueAsNew_DynamicConfigFlags_SuggestedAtTheSmallerLimit()
    {
        await using var emulator = await EmulatorProcess.StartAsync(
            "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--dynamic-config-value", "limit.historyCount.suggestContinueAsNew=100000",
            "--dynamic-config-value", "limit.historySize.suggestContinueAsNew=3000");
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(emulator.Address));

        var (_, events) = await RunGrowthAsync(client);

        var started = events.OfType(EventType.WorkflowTaskStarted).ToList();
        Assert.All(started, e => Assert.Equal(
            e.WorkflowTaskStartedEventAttributes.HistorySizeBytes >= 3000, e.WorkflowTaskStartedEventAttributes.SuggestContinueAsNew));
        Assert.True(started[^1].WorkflowTaskStartedEventAttributes.SuggestContinueAsNew);
    }

    private static async Task<(GrowthOutput Result, IReadOnlyList<Temporalio.Api.History.V1.HistoryEvent> Events)> RunGrowthAsync(ITemporalClient client)
    {
        var taskQueue = Unique.TaskQueue();
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue).AddWorkflow<GrowthWorkflow>());
        var handle = await client.StartWorkflowAsync((GrowthWorkflow wf) => wf.RunAsync(new GrowthInput(5)), new WorkflowOptions(Unique.WorkflowId(), taskQueue));
        var result = await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());
        return (result, await handle.EventsAsync());
    }
}
