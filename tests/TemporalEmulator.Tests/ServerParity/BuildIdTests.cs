using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.ServerParity;

public class BuildIdTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;

    [Fact]
    public async Task WorkflowTaskCompleted_UnversionedDeploymentOptions_RecordsDeploymentNameAndStamp()
    {
        var taskQueue = Unique.TaskQueue();
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(taskQueue)
        {
            DeploymentOptions = new WorkerDeploymentOptions(new WorkerDeploymentVersion("agentic", "build-7"), useWorkerVersioning: false),
        }.AddWorkflow<MetadataWorkflow>().AddAllActivities(new MetadataActivities()));
        var handle = await _client.StartWorkflowAsync(
            (MetadataWorkflow wf) => wf.RunAsync(new MetadataInput("x", false)), new WorkflowOptions(Unique.WorkflowId("build"), taskQueue));

        await worker.ExecuteAsync(() => handle.GetResultAsync().WithDeadline());

        var completed = (await handle.EventsAsync()).OfType(EventType.WorkflowTaskCompleted).ToList();
        Assert.NotEmpty(completed);
        Assert.All(completed, e =>
        {
            Assert.Equal("agentic", e.WorkflowTaskCompletedEventAttributes.WorkerDeploymentName);

            // Only a worker that opted into versioning pins a deployment version, as on the server.
            Assert.Null(e.WorkflowTaskCompletedEventAttributes.DeploymentVersion);
        });
        var info = (await handle.DescribeRawAsync()).WorkflowExecutionInfo;
        Assert.Equal("agentic", info.WorkerDeploymentName);
    }
}
