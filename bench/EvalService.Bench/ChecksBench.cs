using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Agentic.EvalService.Checks;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Bench;

/// <summary>Each deterministic check on a 2 KB answer, p50 and p99 per call (one thread).</summary>
internal static class ChecksBench
{
    public static void Run(int iterations)
    {
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
        Console.WriteLine("| check | p50 (µs) | p99 (µs) | regex timeouts |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var check in checks)
        {
            for (var i = 0; i < 50; i++)
            {
                TryRun(check, answer);
            }

            var samples = new List<double>(iterations);
            var timeouts = 0;
            for (var i = 0; i < iterations; i++)
            {
                var start = Stopwatch.GetTimestamp();
                if (TryRun(check, answer))
                {
                    samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
                else
                {
                    timeouts++;
                }
            }

            samples.Sort();
            Console.WriteLine(samples.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"| {check.Id} | - | - | {timeouts} |")
                : string.Create(CultureInfo.InvariantCulture,
                    $"| {check.Id} | {samples[samples.Count / 2]:F1} | {samples[(int)(samples.Count * 0.99)]:F1} | {timeouts} |"));
        }
    }

    /// <summary>
    /// The detectors' patterns carry a 250 ms match timeout (wall clock); on a machine this loaded a thread can be
    /// descheduled that long, so a timed-out call is counted, not timed.
    /// </summary>
    private static bool TryRun(CheckSpec check, string answer)
    {
        try
        {
            DeterministicChecks.Run(check, answer);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
