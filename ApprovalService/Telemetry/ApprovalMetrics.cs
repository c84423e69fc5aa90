using System.Diagnostics.Metrics;
using Agentic.ApprovalService.ReadModel;
using Agentic.Telemetry;

namespace Agentic.ApprovalService.Telemetry;

/// <summary>
/// The approval pattern's metrics, recorded outside workflow code: decisions and their time since the proposal opened
/// (by the audit activity), and open proposals with the oldest one's age per owner group (from the read model, refreshed
/// by <see cref="ApprovalMetricsRefresher"/> and observed at export).
/// </summary>
public sealed class ApprovalMetrics
{
    private readonly Histogram<double> _timeToDecision;
    private readonly Counter<long> _decisions;
    private readonly TimeProvider _time;
    private volatile IReadOnlyList<OpenProposalStats> _open = [];

    public ApprovalMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        var meter = meters.Create(MeterNames.ApprovalService);
        _timeToDecision = meter.CreateHistogram<double>(ApprovalMetricNames.TimeToDecision, "s", "Time from a proposal's opening to a decision on it");
        _decisions = meter.CreateCounter<long>(ApprovalMetricNames.Decisions, "{decision}", "Decisions taken on proposed descriptions");
        meter.CreateObservableGauge(ApprovalMetricNames.ProposalsOpen, ObserveOpen, "{proposal}", "Proposals waiting for a decision");
        meter.CreateObservableGauge(ApprovalMetricNames.OldestOpenAge, ObserveOldest, "s", "How long the oldest open proposal has waited");
    }

    public void Decided(string decision, TimeSpan sinceOpened)
    {
        var tag = new KeyValuePair<string, object?>("decision", decision);
        _decisions.Add(1, tag);
        _timeToDecision.Record(Math.Max(0, sinceOpened.TotalSeconds), tag);
    }

    public void SetOpen(IReadOnlyList<OpenProposalStats> open) => _open = open;

    private IEnumerable<Measurement<int>> ObserveOpen() =>
        _open.Select(group => new Measurement<int>(group.Open, new KeyValuePair<string, object?>("owner_group", group.OwnerGroup)));

    private IEnumerable<Measurement<double>> ObserveOldest()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _open.Where(group => group.OldestOpenedAt is not null).Select(group => new Measurement<double>(
            Math.Max(0, (now - group.OldestOpenedAt!.Value).TotalSeconds), new KeyValuePair<string, object?>("owner_group", group.OwnerGroup)));
    }
}
