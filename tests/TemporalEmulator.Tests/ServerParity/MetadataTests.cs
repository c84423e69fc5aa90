using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Converters;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.ServerParity;

public class MetadataTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    [Fact]
    public async Task Start_SummaryAndDetails_InStartedEventAndDescribe()
    {
        var options = new WorkflowOptions(Unique.WorkflowId("meta"), _taskQueue) { StaticSummary = "the summary", StaticDetails = "the details" };

        var handle = await _client.StartWorkflowAsync((MetadataWorkflow wf) => wf.RunAsync(new MetadataInput("x", false)), options);

        var description = await handle.DescribeAsync();
        Assert.Equal("the summary", await description.GetStaticSummaryAsync());
        Assert.Equal("the details", await description.GetStaticDetailsAsync());
        var started = (await handle.EventsAsync())[0];
        Assert.Equal("the summary", Text(started.UserMetadata.Summary));
        await handle.TerminateAsync("done");
    }

    [Fact]
    public async Task Commands_WithSummaries_SummariesOnTheirEvents()
    {
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(_taskQueue)
            .AddWorkflow<MetadataWorkflow>()
            .AddAllActivities(new MetadataActivities()));
        var handle = await _client.StartWorkflowAsync(
            (MetadataWorkflow wf) => wf.RunAsync(new MetadataInput("x", true)), new WorkflowOptions(Unique.WorkflowId("meta"), _taskQueue));

        await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());

        var events = await handle.EventsAsync();
        Assert.Equal("timer summary", Summary(events, EventType.TimerStarted));
        Assert.Equal("activity summary", Summary(events, EventType.ActivityTaskScheduled));
        Assert.Equal("local activity summary", Summary(events, EventType.MarkerRecorded));
        Assert.Equal("child summary", Summary(events, EventType.StartChildWorkflowExecutionInitiated));
        var child = await _client.GetWorkflowHandle($"{handle.Id}-child").DescribeAsync();
        Assert.Equal("child summary", await child.GetStaticSummaryAsync());
        Assert.Equal("child details", await child.GetStaticDetailsAsync());
        Assert.Null(events.OfType(EventType.WorkflowTaskCompleted).First().UserMetadata);
    }

    [Fact]
    public async Task Start_Priority_RecordedInStartedEventAndDescribe()
    {
        var options = new WorkflowOptions(Unique.WorkflowId("prio"), _taskQueue) { Priority = new Priority(priorityKey: 2, fairnessKey: "tenant-a") };

        var handle = await _client.StartWorkflowAsync((MetadataWorkflow wf) => wf.RunAsync(new MetadataInput("x", false)), options);

        var started = (await handle.EventsAsync())[0].WorkflowExecutionStartedEventAttributes;
        Assert.Equal(2, started.Priority.PriorityKey);
        Assert.Equal("tenant-a", started.Priority.FairnessKey);
        var description = await handle.DescribeRawAsync();
        Assert.Equal(2, description.WorkflowExecutionInfo.Priority.PriorityKey);
        await handle.TerminateAsync("done");
    }

    private static string? Summary(IEnumerable<HistoryEvent> events, EventType type) =>
        events.OfType(type).Select(e => e.UserMetadata?.Summary).FirstOrDefault() is { } payload ? Text(payload) : null;

    private static string? Text(Temporalio.Api.Common.V1.Payload payload) => DataConverter.Default.PayloadConverter.ToValue<string>(payload);
}
