using Agentic.Emulator.Tests.Common;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.TestService.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Namespaces;

/// <summary>Closed runs are removed once their namespace's retention period has passed, in emulator time.</summary>
public class RetentionTests(TimeSkippingEmulatorFixture fixture) : IClassFixture<TimeSkippingEmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;

    [Fact]
    public async Task Describe_ClosedLongerThanDefaultRetentionAgo_NotFound()
    {
        var older = await RunEchoAsync(_client);
        await SleepAsync(TimeSpan.FromHours(23));
        var newer = await RunEchoAsync(_client);

        await SleepAsync(TimeSpan.FromHours(2));

        // 25 h after it closed: gone, as the server deletes it once the namespace's one-day retention has passed.
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.GetWorkflowHandle(older).DescribeAsync());
        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
        // 2 h after it closed: still there.
        var described = await _client.GetWorkflowHandle(newer).DescribeAsync();
        Assert.Equal(WorkflowExecutionStatus.Completed, described.Status);
    }

    [Fact]
    public async Task ListWorkflows_NamespaceWithOneHourRetention_ClosedRunListedForAnHourThenGone()
    {
        var name = $"ns-{Guid.NewGuid():N}";
        await _client.WorkflowService.RegisterNamespaceAsync(new RegisterNamespaceRequest
        {
            Namespace = name,
            WorkflowExecutionRetentionPeriod = Duration.FromTimeSpan(TimeSpan.FromHours(1)),
        });
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(fixture.Emulator.Address) { Namespace = name });
        var id = await RunEchoAsync(client);
        var query = $"WorkflowId = '{id}'";

        await SleepAsync(TimeSpan.FromMinutes(50));
        var within = await client.ListWorkflowsAsync(query).ToListAsync();
        await SleepAsync(TimeSpan.FromMinutes(20));
        var after = await client.ListWorkflowsAsync(query).ToListAsync();

        Assert.Single(within);
        Assert.Empty(after);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetWorkflowHandle(id).DescribeAsync());
        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
    }

    private static async Task<string> RunEchoAsync(ITemporalClient client)
    {
        var taskQueue = Unique.TaskQueue();
        var id = Unique.WorkflowId("retention");
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue).AddWorkflow<EchoWorkflow>());
        await worker.ExecuteAsync(() =>
            client.ExecuteWorkflowAsync((EchoWorkflow wf) => wf.RunAsync(new EchoInput("kept for a while")), new WorkflowOptions(id, taskQueue)).WithDeadline());
        return id;
    }

    /// <summary>Moves emulator time forward by <paramref name="duration"/> (skipped at once while nothing else runs).</summary>
    private async Task SleepAsync(TimeSpan duration) =>
        await _client.Connection.TestService.SleepAsync(new SleepRequest { Duration = Duration.FromTimeSpan(duration) }).WithDeadline();
}
