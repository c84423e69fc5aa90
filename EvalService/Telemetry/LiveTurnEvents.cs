using System.Diagnostics;

namespace Agentic.EvalService.Telemetry;

/// <summary>
/// Events on the EvaluateTurn request span that mark where a live turn's budget goes (the span itself starts when
/// the request is received and ends when the reply is written). Cheap: an event on a span that exists anyway, and
/// nothing at all when no one records traces. The live benchmark reads them to break the latency down.
/// </summary>
public static class LiveTurnEvents
{
    public const string SuiteLoaded = "eval.suite_loaded";
    public const string UpdateSent = "eval.update_sent";
    public const string AnsweredByWorkflow = "eval.answered_by_workflow";
    public const string AnsweredLate = "eval.answered_late";

    public static void Mark(Activity? span, string name)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.AddEvent(new ActivityEvent(name));
        }
    }
}
