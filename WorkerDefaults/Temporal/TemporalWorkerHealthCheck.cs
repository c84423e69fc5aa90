using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Agentic.WorkerDefaults.Temporal;

/// <summary>
/// Ready only when every worker of this process is polling its task queue. A worker still waiting for Temporal
/// within the start-up deadline is starting, not failing: Degraded (not ready either, see
/// <c>TemporalWorkerExtensions</c>); past the deadline, or stopped or faulted, Unhealthy.
/// </summary>
public sealed class TemporalWorkerHealthCheck(TemporalWorkerHealth health, IOptions<TemporalOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = health.States.ToDictionary(pair => pair.Key, pair => (object)pair.Value.State.ToString(), StringComparer.Ordinal);
        var address = options.Value.Address;
        var deadline = options.Value.StartupDeadline;
        var now = time.GetUtcNow();
        var notRunning = health.States.Where(pair => pair.Value.State != TemporalWorkerState.Running).ToList();
        var failing = notRunning
            .Where(pair => pair.Value.State != TemporalWorkerState.WaitingForTemporal || now - pair.Value.Since >= deadline)
            .Select(pair => pair.Key)
            .ToList();

        var result = (notRunning.Count, failing.Count) switch
        {
            (0, _) => HealthCheckResult.Healthy($"Polling Temporal at {address}", states),
            (_, 0) => HealthCheckResult.Degraded(
                $"Starting: worker for task queue(s) {string.Join(", ", notRunning.Select(pair => pair.Key))} waiting for Temporal at {address} "
                + $"(up to {deadline.TotalSeconds:F0} s)",
                data: states),
            _ => HealthCheckResult.Unhealthy(
                $"Worker for task queue(s) {string.Join(", ", failing)} not polling Temporal at {address}", data: states),
        };
        return Task.FromResult(result);
    }
}
