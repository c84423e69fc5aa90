using System.Diagnostics;
using System.Globalization;
using Agentic.EvalService.Bench;
using Agentic.EvalService.Checks;
using Agentic.EvalService.Suites;

// Checks benchmark: each deterministic check on a 2 KB answer, p50 and p99 per call (one thread).
// Usage: dotnet run -c Release --project bench/EvalService.Bench -- [--iterations N]
// Offline benchmark: dotnet run -c Release --project bench/EvalService.Bench -- offline [cases] [requests per minute] [chunk size] [parallel chunks]
if (args.Length > 0 && args[0] == "offline")
{
    int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
    Console.WriteLine(await OfflineBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 60_000), Arg(3, 50), Arg(4, 4)));
    return;
}

var iterations = args.Length == 2 && args[0] == "--iterations" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var answer = AnswerText.Build(2048);
CheckSpec[] checks =
[
    new() { Id = "pii-all", Type = CheckType.Pii, Regions = ["US", "GB", "DE", "FR", "IN"] },
    new() { Id = "pii-no-phone", Type = CheckType.Pii, PiiTypes = [PiiType.Email, PiiType.CreditCard, PiiType.Ssn, PiiType.Iban, PiiType.IpAddress, PiiType.Secret] },
    new() { Id = "regex", Type = CheckType.Regex, Pattern = @"https?://[a-z0-9.-]*\.internal\b", MustMatch = false },
    new() { Id = "keywords", Type = CheckType.Keywords, AllOf = ["password", "settings"], AnyOf = ["security", "privacy"], NoneOf = ["guarantee"] },
    new() { Id = "json", Type = CheckType.Json, Schema = """{"type":"object","required":["answer"]}""" },
    new() { Id = "length", Type = CheckType.Length, Min = 1, Max = 4000, Unit = LengthUnit.Words },
    new() { Id = "refusal", Type = CheckType.Refusal },
];

Console.WriteLine($"answer: {answer.Length} chars, {iterations} calls per check, machine: {Environment.ProcessorCount} cores");
Console.WriteLine("| check | p50 (µs) | p99 (µs) |");
Console.WriteLine("|---|---|---|");
foreach (var check in checks)
{
    for (var i = 0; i < 50; i++)
    {
        DeterministicChecks.Run(check, answer);
    }

    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        DeterministicChecks.Run(check, answer);
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    Array.Sort(samples);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {check.Id} | {samples[iterations / 2]:F1} | {samples[(int)(iterations * 0.99)]:F1} |"));
}
