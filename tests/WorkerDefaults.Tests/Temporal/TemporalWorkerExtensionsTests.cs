using Agentic.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Client;

namespace Agentic.WorkerDefaults.Tests.Temporal;

public class TemporalWorkerExtensionsTests
{
    [Fact]
    public async Task AddTemporalWorkerDefaults_NoTemporalAddress_StartFailsNamingTheVariable()
    {
        using var host = BuildHost(new Dictionary<string, string?>(), new CapturedLogs());

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("TEMPORAL_ADDRESS", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTemporalWorkerDefaults_AddressAndNamespace_ReachTheClientOptions()
    {
        using var host = BuildHost(
            new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = "temporal.internal:7233", ["TEMPORAL_NAMESPACE"] = "evals" },
            new CapturedLogs());

        var connect = host.Services.GetRequiredService<IOptions<TemporalClientConnectOptions>>().Value;

        Assert.Equal("temporal.internal:7233", connect.TargetHost);
        Assert.Equal("evals", connect.Namespace);
    }

    [Fact]
    public void AddTemporalWorkerDefaults_NoNamespace_UsesDefault()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = "localhost:7233" }, new CapturedLogs());

        Assert.Equal("default", host.Services.GetRequiredService<IOptions<TemporalClientConnectOptions>>().Value.Namespace);
    }

    [Fact]
    public async Task AddTemporalWorkerDefaults_TemporalDown_HostKeepsRetryingAndIsNotReady()
    {
        var logs = new CapturedLogs();
        var address = $"127.0.0.1:{FreePort.Next()}";
        using var host = BuildHost(new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = address }, logs);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await host.StartAsync();
        try
        {
            await Poll.UntilAsync(
                () => logs.Messages.Count(message => message.Contains($"Temporal at {address} does not answer yet", StringComparison.Ordinal)) >= 3,
                TimeSpan.FromSeconds(30));

            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
            var report = await host.Services.GetRequiredService<HealthCheckService>()
                .CheckHealthAsync(registration => registration.Name == TemporalWorkerExtensions.HealthCheckName);
            Assert.Equal(HealthStatus.Unhealthy, report.Status);
            Assert.Contains("probe-queue", report.Entries[TemporalWorkerExtensions.HealthCheckName].Description, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, CapturedLogs logs)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.AddTemporalWorkerDefaults("probe-queue");
        return builder.Build();
    }
}
