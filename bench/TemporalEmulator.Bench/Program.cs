using System.Diagnostics;
using System.Globalization;
using Agentic.TemporalEmulator.Bench;
using Temporalio.Client;
using Temporalio.Worker;

// Usage: TemporalEmulator.Bench [--workflows 5000] [--concurrency 200] [--memory-workflows 10000] [--eager-start] [--db-filename FILE]
//        TemporalEmulator.Bench --schedules (see ScheduleBenchmark)
if (args.Contains("--schedules"))
{
    await ScheduleBenchmark.RunAsync(args);
    return;
}

var workflows = Option("--workflows", 5000);
var concurrency = Option("--concurrency", 200);
var memoryWorkflows = Option("--memory-workflows", 10000);
var eagerStart = args.Contains("--eager-start");
var databaseIndex = Array.IndexOf(args, "--db-filename");
var database = databaseIndex >= 0 && databaseIndex + 1 < args.Length ? args[databaseIndex + 1] : null;
const int WarmUp = 300;
const string TaskQueue = "bench";

await using var emulator = await EmulatorProcess.StartAsync(database);
var baselineMiB = emulator.MemoryMiB();
var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(emulator.Address) { Namespace = "default" });
using var worker = new TemporalWorker(client, new TemporalWorkerOptions(TaskQueue)
{
    MaxConcurrentWorkflowTaskPolls = 8,
    MaxConcurrentActivityTaskPolls = 8,
}.AddWorkflow<OneActivityWorkflow>().AddAllActivities<EchoActivities>(null));

var completed = 0;
await worker.ExecuteAsync(async () =>
{
    await RunAsync(WarmUp, concurrency, "warm");
    completed += WarmUp;

    var cpuBefore = emulator.CpuTime;
    var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var latencies = await RunAsync(workflows, concurrency, "run");
    watch.Stop();
    var cpu = emulator.CpuTime - cpuBefore;
    var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
    completed += workflows;

    latencies.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"workflows={workflows} concurrency={concurrency} eagerStart={eagerStart} database={database ?? "memory"} elapsed={watch.Elapsed.TotalSeconds:F2}s throughput={workflows / watch.Elapsed.TotalSeconds:F0}/s " +
        $"p50={Percentile(latencies, 0.50):F1}ms p99={Percentile(latencies, 0.99):F1}ms max={latencies[^1]:F1}ms emulatorCpu={cpu.TotalSeconds:F1}s workerAndClientCpu={benchCpu.TotalSeconds:F1}s"));

    if (completed < memoryWorkflows)
    {
        await RunAsync(memoryWorkflows - completed, concurrency, "fill");
        completed = memoryWorkflows;
    }
});

// Let the emulator settle (long polls answered, request buffers released) before reading its memory.
await Task.Delay(TimeSpan.FromSeconds(3));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"emulator memory: baseline={baselineMiB:F0}MiB after {completed} completed workflows={emulator.MemoryMiB():F0}MiB peak={emulator.MemoryMiB("VmHWM"):F0}MiB " +
    $"({(emulator.MemoryMiB() - baselineMiB) * 1024 / completed:F1} KiB per workflow)"));
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");

async Task<List<double>> RunAsync(int count, int parallel, string prefix)
{
    var latencies = new List<double>(count);
    var next = -1;
    var runId = Guid.NewGuid().ToString("N")[..8];
    async Task LoopAsync()
    {
        var mine = new List<double>();
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var start = Stopwatch.GetTimestamp();
            var handle = await client.StartWorkflowAsync(
                (OneActivityWorkflow wf) => wf.RunAsync(new EchoInput(i)),
                new WorkflowOptions($"{prefix}-{runId}-{i}", TaskQueue) { RequestEagerStart = eagerStart });
            await handle.GetResultAsync();
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        lock (latencies)
        {
            latencies.AddRange(mine);
        }
    }

    await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => LoopAsync()));
    return latencies;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
