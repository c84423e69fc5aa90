using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agentic.AppHost.Infrastructure;

/// <summary>
/// A service's <c>/health</c> as the dashboard shows it: 200 is Healthy; 503 with the body "Degraded" is a
/// service still starting (a worker waiting for Temporal within its deadline), shown as Degraded rather than
/// as a failure; anything else is Unhealthy. Only Healthy lets resources that wait for the service start.
/// </summary>
public sealed class ServiceHealthCheck(Func<Uri> baseAddress, string path) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(baseAddress(), path), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => HealthCheckResult.Healthy(),
                HttpStatusCode.ServiceUnavailable when body == nameof(HealthStatus.Degraded) =>
                    HealthCheckResult.Degraded($"{path} answers Degraded: starting"),
                _ => HealthCheckResult.Unhealthy($"{path} answers {(int)response.StatusCode} {body}"),
            };
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy($"{path} does not answer", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{path} did not answer within {Http.Timeout.TotalSeconds:F0} s", exception);
        }
    }
}
