using System.Net;
using Agentic.AppHost.Infrastructure;
using Agentic.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agentic.AppHost.Tests.Infrastructure;

public class ServiceHealthCheckTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, "Healthy", HealthStatus.Healthy)]
    [InlineData(HttpStatusCode.OK, "Degraded", HealthStatus.Healthy)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "Degraded", HealthStatus.Degraded)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "Unhealthy", HealthStatus.Unhealthy)]
    [InlineData(HttpStatusCode.InternalServerError, "Degraded", HealthStatus.Unhealthy)]
    public async Task CheckHealthAsync_ServiceAnswer_MapsToStatus(HttpStatusCode status, string body, HealthStatus expected)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        app.MapGet("/health", () => Results.Text(body, statusCode: (int)status));
        await app.StartAsync();
        var check = new ServiceHealthCheck(() => new Uri($"http://127.0.0.1:{port}"), "/health");

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
        await app.StopAsync();
    }

    [Fact]
    public async Task CheckHealthAsync_NothingListening_Unhealthy()
    {
        var check = new ServiceHealthCheck(() => new Uri($"http://127.0.0.1:{FreePort.Next()}"), "/health");

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
