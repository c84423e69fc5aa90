using System.Globalization;
using Agentic.EvalService.Telemetry;

namespace Agentic.EvalService.Bench;

/// <summary>
/// Where one live turn's time went: each milestone as milliseconds after the caller sent the request, read from
/// the turn's trace (a missing milestone did not happen on that turn, or its span was not recorded).
/// </summary>
internal static class TurnBreakdown
{
    public static readonly string[] Milestones =
    [
        "request received (eval-service)",
        "suite loaded",
        "update-with-start sent",
        "turn workflow: first task",
        "live checks done",
        "first judge child running",
        "last judge child running",
        "first judge call started",
        "1st judge answered",
        "2nd judge answered",
        "3rd judge answered",
        "decision recorded (activity started)",
        "update reply received",
        "late answer begun",
        "signal-with-start returned",
        "reply written (eval-service)",
        "reply received (caller)",
    ];

    public static readonly string[] Durations =
    [
        "gateway call, per judge",
        "judge activity minus its gateway call",
        "signal-with-start round trip",
    ];

    public static Dictionary<string, double> Of(IReadOnlyList<SpanRecord> spans, DateTime sent, DateTime received)
    {
        var at = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string name, DateTime? time)
        {
            if (time is { } t)
            {
                at[name] = (t - sent).TotalMilliseconds;
            }
        }

        IEnumerable<SpanRecord> Named(string source, string name) => spans.Where(s => s.Source == source && s.Name == name);
        var request = spans.FirstOrDefault(s => s.Source == "Microsoft.AspNetCore" && s.Event(LiveTurnEvents.SuiteLoaded) is not null);
        Add(Milestones[0], request?.Start);
        Add(Milestones[1], request?.Event(LiveTurnEvents.SuiteLoaded));
        Add(Milestones[2], request?.Event(LiveTurnEvents.UpdateSent));
        Add(Milestones[3], Named("Temporalio.Workflow", "RunWorkflow:TurnWorkflow").Select(s => (DateTime?)s.Start).Min());
        Add(Milestones[4], Named("Temporalio.Activity", "RunActivity:RunChecks").Select(s => (DateTime?)s.End).Min());
        var children = Named("Temporalio.Workflow", "RunWorkflow:JudgeWorkflow").Select(s => s.Start).Order().ToList();
        Add(Milestones[5], children.Count > 0 ? children[0] : null);
        Add(Milestones[6], children.Count > 0 ? children[^1] : null);
        var asks = Named("Temporalio.Activity", "RunActivity:AskAsync").ToList();
        Add(Milestones[7], asks.Select(s => (DateTime?)s.Start).Min());
        var answers = asks.Select(s => s.End).Order().ToList();
        for (var i = 0; i < Math.Min(3, answers.Count); i++)
        {
            Add(Milestones[8 + i], answers[i]);
        }

        Add(Milestones[11], Named("Temporalio.Activity", "RunActivity:RecordTurnAsync").Select(s => (DateTime?)s.Start).Min());
        Add(Milestones[12], Named("Temporalio.Client", "UpdateWithStartWorkflow:TurnWorkflow").Select(s => (DateTime?)s.End).Min());
        Add(Milestones[13], request?.Event(LiveTurnEvents.AnsweredLate));
        var signal = Named("Temporalio.Client", "SignalWithStartWorkflow:TurnWorkflow").FirstOrDefault();
        Add(Milestones[14], signal?.End);
        Add(Milestones[15], request?.End);
        Add(Milestones[16], received);

        // Durations, not offsets: each gateway call is the HTTP client span inside a judge activity.
        var gateway = spans.Where(s => s.Source == "System.Net.Http" && asks.Any(a => a.SpanId == s.ParentId)).ToList();
        if (gateway.Count > 0)
        {
            at[Durations[0]] = gateway.Average(s => (s.End - s.Start).TotalMilliseconds);
            at[Durations[1]] = asks.Average(a => (a.End - a.Start).TotalMilliseconds
                - gateway.Where(g => g.ParentId == a.SpanId).Sum(g => (g.End - g.Start).TotalMilliseconds));
        }

        if (signal is not null)
        {
            at[Durations[2]] = (signal.End - signal.Start).TotalMilliseconds;
        }

        return at;
    }

    /// <summary>A markdown table: each milestone's p50 and p99 over the turns that reached it.</summary>
    public static IEnumerable<string> Table(string title, IReadOnlyList<Dictionary<string, double>> turns)
    {
        var inv = CultureInfo.InvariantCulture;
        yield return $"{title} ({turns.Count} turns): milliseconds after the caller sent the request";
        yield return "| milestone | turns | p50 (ms) | p99 (ms) |";
        yield return "|---|---|---|---|";
        foreach (var name in Milestones.Concat(Durations))
        {
            var values = turns.Where(t => t.ContainsKey(name)).Select(t => t[name]).Order().ToArray();
            if (values.Length > 0)
            {
                yield return string.Create(inv, $"| {name} | {values.Length} | {Percentile(values, 0.5):F0} | {Percentile(values, 0.99):F0} |");
            }
        }
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
