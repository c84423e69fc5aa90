// LLM gateway benchmarks (docs/benchmarks.md, "LLM gateway"):
//   decisions  rate-limit decisions per second against one redis-server
//   proxy      requests/s and latency directly to the simulated provider versus through the gateway
using Agentic.LlmGateway.Bench;

var mode = args.Length > 0 ? args[0] : string.Empty;
var rest = args.Skip(1).ToArray();
switch (mode)
{
    case "decisions":
        return await DecisionsBenchmark.RunAsync(rest);
    case "proxy":
        return await ProxyBenchmark.RunAsync(rest);
    default:
        Console.Error.WriteLine("usage: LlmGateway.Bench decisions [--seconds N] [--concurrency 1,16,64] [--clock server|client]");
        Console.Error.WriteLine("       LlmGateway.Bench proxy [--seconds N] [--rounds N] [--warmup N] [--concurrency 1,16,64] [--latency 0,100] [--lockstep] [--host processes|in-process] [--breakdown] [--only gateway|direct] [--set key=value]");
        return 2;
}
