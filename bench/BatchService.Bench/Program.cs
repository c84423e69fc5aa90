// Batch service benchmark: rate-limit utilisation and orchestration overhead (issue #5), a large Parquet job (#13).
// The Temporal emulator and the batch service run as separate processes (so each one's peak memory is its
// own); the gateway with its simulated provider and Redis run in this process; the job is driven over gRPC.
using Agentic.BatchService.Bench;

var options = BenchOptions.Parse(args);
Console.WriteLine($"batch benchmark: {string.Join(' ', args)}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (options.Scenario is "all" or "utilisation")
{
    Console.WriteLine(await Scenarios.RateLimitUtilisationAsync(options, TimeSpan.Zero));
    Console.WriteLine(await Scenarios.RateLimitUtilisationAsync(options, TimeSpan.FromSeconds(2)));
}

if (options.Scenario is "all" or "overhead")
{
    Console.WriteLine(await Scenarios.OrchestrationOverheadAsync(options));
}

if (options.Scenario is "all" or "parquet")
{
    Console.WriteLine(await ParquetScenario.RunAsync(options));
}

if (options.Scenario is "all" or "shadow")
{
    Console.WriteLine(await ShadowScenario.RunAsync(options));
}

return 0;
