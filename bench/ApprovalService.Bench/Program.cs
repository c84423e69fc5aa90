// Approval service benchmark (issue #10): import of a generated manifest (parse + plan, then starting every
// proposal workflow), memory, and portal page latency with that many open proposals. Everything runs in this
// process: Redis, PostgreSQL, the gateway with its simulated provider, the Temporal emulator and the service.
using System.Diagnostics;
using System.Globalization;
using Agentic.ApprovalService.Bench;
using Agentic.ApprovalService.Manifest;
using Agentic.ApprovalService.Options;
using Agentic.ApprovalService.Planning;

var models = Arg("--models", 5000);
var columns = Arg("--columns", 20);
var requests = Arg("--requests", 200);
Console.WriteLine($"approval benchmark: {string.Join(' ', args)}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");

var work = Directory.CreateTempSubdirectory("approval-bench-");
try
{
    var manifest = Path.Combine(work.FullName, "manifest.json");
    await ManifestGenerator.WriteAsync(manifest, models, columns);
    Console.WriteLine($"manifest: {models} models x {columns} columns, {new FileInfo(manifest).Length / 1048576.0:F1} MiB");

    var watch = Stopwatch.StartNew();
    var read = await DbtManifestReader.ReadAsync(manifest, null);
    var parsed = watch.Elapsed;
    var plan = new ProposalPlanner(new OwnerResolver(new ApprovalOptions()), new DraftContextBuilder(12_000)).Plan(read);
    Console.WriteLine($"parse {parsed.TotalSeconds:F2} s, plan {(watch.Elapsed - parsed).TotalSeconds:F2} s, {plan.Proposals.Count} proposals, {plan.BlankDescriptions} blanks, {plan.Inherited} inherited");

    await using var system = await BenchSystem.StartAsync(work.FullName);
    watch.Restart();
    var imported = await system.ImportAsync(manifest);
    Console.WriteLine($"ImportManifest (read, plan, start {imported} workflows): {watch.Elapsed.TotalSeconds:F2} s");
    var drafting = await system.WaitDraftedAsync(TimeSpan.FromMinutes(Arg("--draft-minutes", 10)));
    Console.WriteLine(drafting == 0
        ? $"all {models} drafted and open after {watch.Elapsed.TotalSeconds:F1} s"
        : $"{drafting}{(drafting == 1000 ? " or more" : string.Empty)} of {models} still drafting after {watch.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory (one process: emulator, service, gateway): working set {Environment.WorkingSet / 1048576.0:F0} MiB, GC heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB"));

    await system.SignInAsync();
    Console.WriteLine(await system.MeasureAsync("search", "/?q=model_4242", requests));
    Console.WriteLine(await system.MeasureAsync("table page", "/Table?project=bench&id=model.bench.model_4242", requests));
    Console.WriteLine(await system.MeasureVisibilityScanAsync("model_4242", Math.Max(1, requests / 10)));
}
finally
{
    work.Delete(recursive: true);
}

return 0;

int Arg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
