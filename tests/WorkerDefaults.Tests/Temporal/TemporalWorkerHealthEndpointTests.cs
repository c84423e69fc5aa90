using System.Net;
using Agentic.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Agentic.WorkerDefaults.Tests.Temporal;

public class TemporalWorkerHealthEndpointTests
{
    [Fact]
    public async Task Health_WorkerStartingWithoutTemporal_NotReadyWithDegradedBody()
    {
        var builder = WebApplication.CreateBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = $"127.0.0.1:{FreePort.Next()}" });
        builder.AddTemporalWorkerDefaults("probe-queue");
        await using var app = builder.Build();
        app.MapHealthChecks("/health");
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
