using System.Diagnostics.Metrics;
using Agentic.EvalService.Workflows;
using Agentic.Telemetry;

namespace Agentic.EvalService.Telemetry;

/// <summary>
/// The eval service's pattern metrics (names in <see cref="EvalMetricNames"/>). Called from the gRPC handlers and
/// from activities only: workflow code replays, and a counter bumped there would count a decision again on replay.
/// </summary>
public sealed class EvalMetrics
{
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _retractions;
    private readonly Histogram<double> _judgeDuration;
    private readonly Histogram<double> _passRate;
    private readonly Counter<long> _escalated;

    public EvalMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterNames.EvalService);
        _decisions = meter.CreateCounter<long>(EvalMetricNames.LiveDecisions, "{decision}", "Live verdicts answered to callers within their budget, by outcome");
        _retractions = meter.CreateCounter<long>(EvalMetricNames.LiveRetractions, "{answer}", "Answers shown provisionally, then retracted by the late jury");
        _judgeDuration = meter.CreateHistogram<double>(
            EvalMetricNames.JudgeDuration, "ms", "One judge call through the gateway",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 30000] });
        _passRate = meter.CreateHistogram<double>(
            EvalMetricNames.RunPassRate, "1", "Share of an offline run's cases that passed",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1] });
        _escalated = meter.CreateCounter<long>(EvalMetricNames.CasesEscalated, "{case}", "Cases queued for human review instead of decided by the jury");
    }

    /// <summary>What the caller of EvaluateTurn was told within its budget.</summary>
    public void LiveDecided(string suite, TurnDecision decision) =>
        _decisions.Add(1, Suite(suite), new("outcome", OutcomeName(decision)));

    /// <summary>A live turn's final decision is stored: counts retractions and escalations (once per turn: the store is idempotent).</summary>
    public void LiveFinal(string suite, TurnDecision decision)
    {
        if (decision == TurnDecision.Retract)
        {
            _retractions.Add(1, Suite(suite));
        }
        else if (decision == TurnDecision.Escalated)
        {
            _escalated.Add(1, Suite(suite), new("mode", "live"));
        }
    }

    public void JudgeCalled(string model, TimeSpan elapsed, bool answered) =>
        _judgeDuration.Record(elapsed.TotalMilliseconds, new("judge_model", model), new("outcome", answered ? "answered" : "failed"));

    /// <summary>An offline run finished: its pass rate, and how many of its cases went to a person.</summary>
    public void RunFinished(string suite, int passed, int decided, int escalated)
    {
        if (decided > 0)
        {
            _passRate.Record((double)passed / decided, Suite(suite));
        }

        if (escalated > 0)
        {
            _escalated.Add(escalated, Suite(suite), new("mode", "offline"));
        }
    }

    public static string OutcomeName(TurnDecision decision) => decision switch
    {
        TurnDecision.Show => "show",
        TurnDecision.Block => "block",
        TurnDecision.ShowProvisional => "show_provisional",
        TurnDecision.RetractPending => "retract_pending",
        TurnDecision.Retract => "retract",
        TurnDecision.Escalated => "escalated",
        _ => "pending",
    };

    private static KeyValuePair<string, object?> Suite(string suite) => new("suite", suite);
}
