namespace Agentic.Telemetry;

/// <summary>
/// The eval service's pattern metrics (meter <see cref="MeterNames.EvalService"/>). Emitted from gRPC handlers
/// and activities, never from workflow code, which replays.
/// </summary>
public static class EvalMetricNames
{
    /// <summary>Live verdicts answered to callers within their budget; tags <c>suite</c>, <c>outcome</c> (show, block, show_provisional, retract_pending, escalated).</summary>
    public const string LiveDecisions = "eval_service.live.decisions";

    /// <summary>Answers shown provisionally and retracted when the late jury failed them; tag <c>suite</c>.</summary>
    public const string LiveRetractions = "eval_service.live.retractions";

    /// <summary>One judge call through the gateway, in milliseconds; tags <c>judge_model</c>, <c>outcome</c> (answered, failed).</summary>
    public const string JudgeDuration = "eval_service.judge.duration";

    /// <summary>Share of an offline run's cases that passed, recorded once per finished run; tag <c>suite</c>.</summary>
    public const string RunPassRate = "eval_service.run.pass_rate";

    /// <summary>Cases the jury did not decide and queued for a person; tags <c>suite</c>, <c>mode</c> (live, offline).</summary>
    public const string CasesEscalated = "eval_service.cases.escalated";

    /// <summary>Every name above; a test checks the eval service publishes each.</summary>
    public static readonly IReadOnlyList<string> All = [LiveDecisions, LiveRetractions, JudgeDuration, RunPassRate, CasesEscalated];
}
