using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Agentic.WorkerDefaults.Temporal;

/// <summary>Ready only when every worker of this process is polling its task queue.</summary>
public sealed class TemporalWorkerHealthCheck(TemporalWorkerHealth health, IOptions<TemporalOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = health.States.ToDictionary(pair => pair.Key, pair => (object)pair.Value.ToString(), StringComparer.Ordinal);
        var notRunning = health.States.Where(pair => pair.Value != TemporalWorkerState.Running).Select(pair => pair.Key).ToList();
        var address = options.Value.Address;
        var result = notRunning.Count == 0
            ? HealthCheckResult.Healthy($"Polling Temporal at {address}", states)
            : HealthCheckResult.Unhealthy(
                $"Worker for task queue(s) {string.Join(", ", notRunning)} not polling Temporal at {address}", data: states);
        return Task.FromResult(result);
    }
}
