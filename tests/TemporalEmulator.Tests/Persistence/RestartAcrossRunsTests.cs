using System.Globalization;
using Agentic.Emulator.Tests.Common;
using Agentic.Emulator.Tests.Executable;
using Agentic.LocalServers;
using Agentic.Testing;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.TestService.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Persistence;

/// <summary>Restarts on the same database file where an effect crosses runs, and the virtual time time skipping reached.</summary>
public sealed class RestartAcrossRunsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("emulator-db-");

    private string Database => Path.Combine(_directory.FullName, "temporal.db");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Executable_KilledAfterContinueAsNewAndWhileChildRuns_ChainAndChildCompleteOnce()
    {
        string[] arguments = ["--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--db-filename", Database];
        var emulator = await EmulatorProcess.StartAsync(arguments);
        try
        {
            var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(emulator.Address));
            var taskQueue = Unique.TaskQueue();
            using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue)
                .AddWorkflow<DurableChainWorkflow>()
                .AddWorkflow<DurableGateWorkflow>());
            var id = Unique.WorkflowId("chain");
            var result = await worker.ExecuteAsync(async () =>
            {
                var handle = await client.StartWorkflowAsync(
                    (DurableChainWorkflow wf) => wf.RunAsync(new DurableChainInput(1, 3)), new WorkflowOptions(id, taskQueue));
                var firstRun = handle.ResultRunId!;
                await handle.SignalAsync(wf => wf.NextAsync(new DurableApproval("round 1")));
                await Poll.UntilAsync(async () => (await handle.DescribeAsync()).RunId != firstRun, Deadlines.Result, "the second run");

                // Down between runs of the chain: the second run must carry on.
                emulator = await RestartAsync(emulator, arguments);
                var second = (await handle.DescribeAsync()).RunId;
                await handle.SignalAsync(wf => wf.NextAsync(new DurableApproval("round 2")));
                await Poll.UntilAsync(async () => (await handle.DescribeAsync()).RunId != second, Deadlines.Result, "the third run");
                await handle.SignalAsync(wf => wf.NextAsync(new DurableApproval("round 3")));
                var gate = client.GetWorkflowHandle<DurableGateWorkflow>($"{id}-gate");
                await Poll.UntilAsync(async () => await RunningAsync(gate), Deadlines.Result, "the child running");

                // Down while the child runs: its completion must still reach the parent's run.
                emulator = await RestartAsync(emulator, arguments);
                await gate.SignalAsync(wf => wf.OpenAsync(new DurableApproval("reviewer")));
                return await client.GetWorkflowHandle<DurableChainWorkflow, DurableChainOutput>(id).GetResultAsync().WithDeadline(TimeSpan.FromSeconds(90));
            });

            Assert.Equal(new DurableChainOutput(3, "round 3 opened by reviewer"), result);
            var runs = await client.ListWorkflowsAsync($"WorkflowId = '{id}'").ToListAsync();
            Assert.Equal(3, runs.Count);
            Assert.Equal(2, runs.Count(r => r.Status == WorkflowExecutionStatus.ContinuedAsNew));
            Assert.Single(runs, r => r.Status == WorkflowExecutionStatus.Completed);
            var children = await client.ListWorkflowsAsync($"WorkflowId = '{id}-gate'").ToListAsync();
            Assert.Equal(WorkflowExecutionStatus.Completed, Assert.Single(children).Status);
            var events = await client.GetWorkflowHandle(id).EventsAsync();
            Assert.Single(events.OfType(EventType.ChildWorkflowExecutionStarted));
            Assert.Single(events.OfType(EventType.ChildWorkflowExecutionCompleted));
            Assert.Single(events.OfType(EventType.WorkflowExecutionCompleted));
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task DatabaseFile_TimeSkippedAheadThenRestarted_VirtualTimeKept()
    {
        DateTime before;
        await using (var emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { DatabaseFile = Database, TimeSkipping = true }))
        {
            await emulator.Client.Connection.TestService.SleepAsync(new SleepRequest { Duration = Duration.FromTimeSpan(TimeSpan.FromDays(30)) }).WithDeadline();
            before = (await emulator.Client.Connection.TestService.GetCurrentTimeAsync(new Empty())).Time.ToDateTime();
        }

        Assert.True(before > DateTime.UtcNow + TimeSpan.FromDays(29), $"virtual time {before:o} did not skip ahead");
        await using var restarted = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { DatabaseFile = Database });
        var after = (await restarted.Client.Connection.TestService.GetCurrentTimeAsync(new Empty())).Time.ToDateTime();

        // Continues from where it was (plus the real time the restart took), not from real time.
        Assert.True(after >= before, $"virtual time went back from {before:o} to {after:o}");
        Assert.True(after - before < TimeSpan.FromHours(1), $"virtual time jumped from {before:o} to {after:o}");
    }

    private static async Task<bool> RunningAsync(WorkflowHandle handle)
    {
        try
        {
            return (await handle.DescribeAsync()).Status == WorkflowExecutionStatus.Running;
        }
        catch (Temporalio.Exceptions.RpcException e) when (e.Code == Temporalio.Exceptions.RpcException.StatusCode.NotFound)
        {
            return false;
        }
    }

    private static async Task<EmulatorProcess> RestartAsync(EmulatorProcess running, string[] arguments)
    {
        await running.KillAsync();
        await running.DisposeAsync();
        return await EmulatorProcess.StartAsync(arguments);
    }
}
