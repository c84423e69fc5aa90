using System.Diagnostics;
using Agentic.Emulator.Tests.Common;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.ServerParity;

public class UpdateParityTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    private Task<WorkflowHandle<HoldWorkflow, HoldOutput>> StartAsync() =>
        _client.StartWorkflowAsync((HoldWorkflow wf) => wf.RunAsync(new HoldInput("held")), new WorkflowOptions(Unique.WorkflowId("hold"), _taskQueue));

    [Fact]
    public async Task Update_NotAcceptedBeforeCallerDeadline_DeadlineExceeded()
    {
        // No worker: the update can never be accepted, so the caller's short deadline must end the call.
        var handle = await StartAsync();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<WorkflowUpdateRpcTimeoutOrCanceledException>(() => handle.ExecuteUpdateAsync(
            wf => wf.HoldAsync(new HoldUpdate("never accepted")),
            new WorkflowUpdateOptions { Rpc = new RpcOptions { Timeout = TimeSpan.FromSeconds(2) } }).WithDeadline());

        Assert.NotNull(error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Update_AcceptedThenWorkflowCompletes_FailsWithAcceptedUpdateCompletedWorkflow()
    {
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<HoldWorkflow>());
        var (failure, result) = await worker.ExecuteAsync(async () =>
        {
            var handle = await StartAsync();
            var update = await handle.StartUpdateAsync(
                wf => wf.HoldAsync(new HoldUpdate("left open")), new WorkflowUpdateStartOptions(WorkflowUpdateStage.Accepted));
            await handle.SignalAsync(wf => wf.ReleaseAsync(new HoldRelease("done")));
            var result = await handle.GetResultAsync().WithDeadline();
            var failure = await Assert.ThrowsAsync<WorkflowUpdateFailedException>(() => update.GetResultAsync().WithDeadline());
            return (failure, result);
        });

        Assert.Equal(1, result.Held);
        var application = Assert.IsType<ApplicationFailureException>(failure.InnerException);
        Assert.Equal("AcceptedUpdateCompletedWorkflow", application.ErrorType);
        Assert.True(application.NonRetryable);
    }
}
