using System.Globalization;
using Agentic.EvalService.Bench;

// Usage:
//   dotnet EvalService.Bench.dll [checks] [--iterations N]
//   dotnet EvalService.Bench.dll live [--conversations 50] [--turns 4] [--budget-ms 800] [--quorum 2]
//   dotnet EvalService.Bench.dll offline [cases] [requests per minute] [chunk size] [parallel chunks]
string Option(string name, string fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

int Positional(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

if (args.FirstOrDefault() == "offline")
{
    Console.WriteLine(await OfflineBenchmark.RunAsync(Positional(1, 10_000), Positional(2, 60_000), Positional(3, 50), Positional(4, 4)));
}
else if (args.FirstOrDefault() == "live")
{
    await LiveBench.RunAsync(Number("--conversations", 50), Number("--turns", 4), TimeSpan.FromMilliseconds(Number("--budget-ms", 800)), Number("--quorum", 2));
}
else
{
    ChecksBench.Run(Number("--iterations", 2000));
}
