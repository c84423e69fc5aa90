using System.Diagnostics;
using System.Globalization;
using Agentic.Emulator.Tests.Common;
using Agentic.Emulator.Tests.Namespaces;
using Agentic.Emulator.Tests.TimeSkipping;
using Agentic.LocalServers;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Executable;

public class EmulatorProcessTests
{
    [Fact]
    public async Task Executable_PortAndNamespaceFlags_ServesWorkflows()
    {
        var port = FreePort.Next();
        await using var emulator = await EmulatorProcess.StartAsync("--port", port.ToString(CultureInfo.InvariantCulture), "--namespace", "process-ns");

        Assert.Equal($"127.0.0.1:{port}", emulator.Address);
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(emulator.Address) { Namespace = "process-ns" });
        var taskQueue = Unique.TaskQueue();
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue).AddWorkflow<EchoWorkflow>());
        var result = await worker.ExecuteAsync(() =>
            client.ExecuteWorkflowAsync((EchoWorkflow wf) => wf.RunAsync(new EchoInput("over a process")), new WorkflowOptions(Unique.WorkflowId(), taskQueue)).WithDeadline());

        Assert.Equal(new EchoOutput("over a process", "process-ns"), result);
    }

    [Fact]
    public async Task Executable_TimeSkippingFlag_SkipsTimers()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--time-skipping");
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(emulator.Address));
        var taskQueue = Unique.TaskQueue();
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue).AddWorkflow<SkipWorkflow>());
        var watch = Stopwatch.StartNew();

        var result = await worker.ExecuteAsync(() => client.ExecuteWorkflowAsync(
            (SkipWorkflow wf) => wf.RunAsync(new SkipInput("timer", TimeSpan.FromDays(30))), new WorkflowOptions(Unique.WorkflowId(), taskQueue)).WithDeadline());

        Assert.True(result.After - result.Before >= TimeSpan.FromDays(30));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed} of wall time");
    }
}
