using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.TestService.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Client.Schedules;
using Temporalio.Worker;

namespace Agentic.TemporalEmulator.Bench;

/// <summary>
/// N schedules firing every minute on a time-skipping emulator until each has fired M times (M virtual minutes):
/// the wall time, actions per second and the emulator's CPU and memory for the lot. The runs go to a namespace whose
/// retention is R virtual minutes, so closed runs are removed as on a server and memory stays flat over a long run.
/// Usage: TemporalEmulator.Bench --schedules 1000 [--virtual-minutes 1440] [--retention-minutes 10]
/// </summary>
public static class ScheduleBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var schedules = Option(args, "--schedules", 1000);
        var minutes = Option(args, "--virtual-minutes", 1440);
        var retention = TimeSpan.FromMinutes(Option(args, "--retention-minutes", 10));
        const string TaskQueue = "bench-schedules";
        const string Namespace = "bench-schedules";

        await using var emulator = await EmulatorProcess.StartAsync(extraArguments: "--time-skipping");
        Console.Error.WriteLine($"emulator pid {emulator.ProcessId}, bench pid {Environment.ProcessId}");
        var admin = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(emulator.Address) { Namespace = "default" });
        await admin.WorkflowService.RegisterNamespaceAsync(new RegisterNamespaceRequest
        {
            Namespace = Namespace,
            WorkflowExecutionRetentionPeriod = Duration.FromTimeSpan(retention),
        });
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(emulator.Address) { Namespace = Namespace });
        var testService = client.Connection.TestService;
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(TaskQueue)
        {
            MaxConcurrentWorkflowTaskPolls = 8,
            // The tick workflow awaits nothing, so the SDK's task-event listener (it catches a workflow awaiting
            // outside its scheduler) only costs the benchmark process CPU on every activation.
            DisableWorkflowTracingEventListener = true,
        }.AddWorkflow<TickWorkflow>());

        await worker.ExecuteAsync(async () =>
        {
            // Virtual time stands still while the schedules are created, so they all begin on the same minute.
            await testService.LockTimeSkippingAsync(new LockTimeSkippingRequest());
            var virtualStart = (await testService.GetCurrentTimeAsync(new())).Time.ToDateTime();
            for (var i = 0; i < schedules; i++)
            {
                var action = ScheduleActionStartWorkflow.Create((TickWorkflow wf) => wf.RunAsync(new TickInput(i)), new WorkflowOptions($"tick-{i}", TaskQueue));
                await client.CreateScheduleAsync($"every-minute-{i}", new Schedule(action, new ScheduleSpec { CronExpressions = ["* * * * *"] })
                {
                    State = new ScheduleState { LimitedActions = true, RemainingActions = minutes },
                });
            }

            var expected = (long)schedules * minutes;
            var cpuBefore = emulator.CpuTime;
            HourlyProgress.WriteHeader();
            var progress = new HourlyProgress(emulator, schedules);
            await testService.UnlockTimeSkippingAsync(new UnlockTimeSkippingRequest());
            // Closed runs are removed after the retention, so progress is read from virtual time and, at the end, the
            // schedules' action counts, not from a count of completed runs. The last action is due in the last minute.
            long completed = 0;
            while (completed < expected)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                var passed = (int)Math.Min(minutes, ((await testService.GetCurrentTimeAsync(new())).Time.ToDateTime() - virtualStart).TotalMinutes);
                progress.Observe(passed);
                if (passed >= minutes - 1 && (await client.CountWorkflowsAsync("ExecutionStatus = 'Running'")).Count == 0)
                {
                    completed = await ActionsTakenAsync(client, schedules);
                }
            }

            progress.Observe(minutes, final: true);
            var wall = progress.Elapsed;
            var cpu = emulator.CpuTime - cpuBefore;

            var virtualElapsed = (await testService.GetCurrentTimeAsync(new())).Time.ToDateTime() - virtualStart;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"schedules={schedules} virtualMinutes={minutes} retention={retention.TotalMinutes:F0}min actions={completed} virtualElapsed={virtualElapsed.TotalHours:F2}h wall={wall.TotalSeconds:F1}s " +
                $"actions/s={completed / wall.TotalSeconds:F0} emulatorCpu={cpu.TotalSeconds:F1}s emulatorPeak={emulator.MemoryMiB("VmHWM"):F0}MiB"));
        });
        Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static async Task<long> ActionsTakenAsync(TemporalClient client, int schedules)
    {
        long actions = 0;
        for (var i = 0; i < schedules; i++)
        {
            actions += (await client.GetScheduleHandle($"every-minute-{i}").DescribeAsync()).Info.NumActions;
        }

        return actions;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
