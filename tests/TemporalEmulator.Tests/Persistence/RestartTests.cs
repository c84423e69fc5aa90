using System.Globalization;
using Agentic.Emulator.Tests.Common;
using Agentic.Emulator.Tests.Executable;
using Agentic.LocalServers;
using Agentic.Testing;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Persistence;

public sealed class RestartTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("emulator-db-");

    private string Database => Path.Combine(_directory.FullName, "temporal.db");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Executable_KilledMidWorkflowThenRestartedOnTheSameFile_EverythingCompletesOnce()
    {
        string[] arguments = ["--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--db-filename", Database];
        var first = await EmulatorProcess.StartAsync(arguments);
        EmulatorProcess? second = null;
        try
        {
            var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(first.Address));
            var activities = new DurableActivities();
            var taskQueue = Unique.TaskQueue();
            using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue)
                .AddWorkflow<DurableWorkflow>()
                .AddWorkflow<DurableChildWorkflow>()
                .AddAllActivities(activities));
            var (handle, notes, result) = await worker.ExecuteAsync(async () =>
            {
                var handle = await client.StartWorkflowAsync(
                    (DurableWorkflow wf) => wf.RunAsync(new DurableInput("durable")), new WorkflowOptions(Unique.WorkflowId("durable"), taskQueue));
                var update = await handle.StartUpdateAsync(
                    wf => wf.AddNoteAsync(new DurableNote("before the restart")), new WorkflowUpdateStartOptions(WorkflowUpdateStage.Accepted));
                await Poll.UntilAsync(() => activities.Attempts(nameof(DurableActivities.SlowStepAsync)) == 1, Deadlines.Result, "the slow step running");
                await handle.WaitForEventAsync(EventType.ChildWorkflowExecutionStarted);

                await first.KillAsync();
                second = await EmulatorProcess.StartAsync(arguments);

                await handle.SignalAsync(wf => wf.ApproveAsync(new DurableApproval("reviewer")));
                var notes = await update.GetResultAsync().WithDeadline(TimeSpan.FromSeconds(90));
                return (handle, notes, await handle.GetResultAsync().WithDeadline(TimeSpan.FromSeconds(90)));
            });

            Assert.Equal(new DurableOutput("durable", "step durable", "slow durable #2", "child durable", result.Notes, "reviewer"), result);
            Assert.Equal(["before the restart"], result.Notes);
            Assert.Equal(["before the restart"], notes.Items);

            // The finished step is not run again; the step that was running when the emulator died timed out and retried once.
            Assert.Equal(1, activities.Attempts(nameof(DurableActivities.StepAsync)));
            Assert.Equal(2, activities.Attempts(nameof(DurableActivities.SlowStepAsync)));
            var events = await handle.EventsAsync();
            Assert.Single(events.OfType(EventType.WorkflowExecutionCompleted));
            Assert.Single(events.OfType(EventType.ChildWorkflowExecutionStarted));
            Assert.Single(events.OfType(EventType.ChildWorkflowExecutionCompleted));
            Assert.Single(events.OfType(EventType.TimerFired));
            Assert.Single(events.OfType(EventType.WorkflowExecutionUpdateAccepted));
            Assert.Single(events.OfType(EventType.WorkflowExecutionUpdateCompleted));
            var childRuns = await client.ListWorkflowsAsync($"WorkflowId = '{handle.Id}-child'").ToListAsync();
            Assert.Single(childRuns);
            Assert.Equal(WorkflowExecutionStatus.Completed, childRuns[0].Status);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DatabaseFile_TimerDueWhileStopped_FiresOnStartAndEarlierRunsRemain()
    {
        var taskQueue = Unique.TaskQueue();
        string finishedId;
        string namespaceId;
        WorkflowHandle<DurableChildWorkflow, DurableStepResult> waiting;
        await using (var emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { DatabaseFile = Database }))
        {
            using var worker = new TemporalWorker(emulator.Client, new TemporalWorkerOptions(taskQueue).AddWorkflow<DurableChildWorkflow>());
            waiting = await worker.ExecuteAsync(async () =>
            {
                var finished = await emulator.Client.StartWorkflowAsync(
                    (DurableChildWorkflow wf) => wf.RunAsync(new DurableStep("earlier")), new WorkflowOptions(Unique.WorkflowId("earlier"), taskQueue));
                await finished.GetResultAsync().WithDeadline();
                var handle = await emulator.Client.StartWorkflowAsync(
                    (DurableChildWorkflow wf) => wf.RunAsync(new DurableStep("later")), new WorkflowOptions(Unique.WorkflowId("later"), taskQueue));
                await handle.WaitForEventAsync(EventType.TimerStarted);
                return handle;
            });
            finishedId = (await emulator.Client.ListWorkflowsAsync($"TaskQueue = '{taskQueue}' AND ExecutionStatus = 'Completed'").ToListAsync()).Single().Id;
            namespaceId = (await emulator.Client.WorkflowService.DescribeNamespaceAsync(
                new Temporalio.Api.WorkflowService.V1.DescribeNamespaceRequest { Namespace = emulator.Namespace })).NamespaceInfo.Id;
        }

        // The timer comes due while no emulator runs.
        var timerDue = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        await Poll.UntilAsync(() => DateTime.UtcNow > timerDue, TimeSpan.FromSeconds(30), "the timer's due time passing");

        await using var restarted = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { DatabaseFile = Database });
        using var restartedWorker = new TemporalWorker(restarted.Client, new TemporalWorkerOptions(taskQueue).AddWorkflow<DurableChildWorkflow>());
        var handleAfter = restarted.Client.GetWorkflowHandle<DurableChildWorkflow, DurableStepResult>(waiting.Id);
        var result = await restartedWorker.ExecuteAsync(() => handleAfter.GetResultAsync().WithDeadline());

        Assert.Equal("child later", result.Text);
        Assert.Single((await handleAfter.EventsAsync()).OfType(EventType.TimerFired));
        var earlier = await restarted.Client.GetWorkflowHandle(finishedId).DescribeAsync();
        Assert.Equal(WorkflowExecutionStatus.Completed, earlier.Status);
        var namespaceAfter = await restarted.Client.WorkflowService.DescribeNamespaceAsync(
            new Temporalio.Api.WorkflowService.V1.DescribeNamespaceRequest { Namespace = restarted.Namespace });
        Assert.Equal(namespaceId, namespaceAfter.NamespaceInfo.Id);
    }
}
