using Agentic.Emulator;
using Agentic.LocalServers;
using Agentic.Testing;
using Agentic.WorkerDefaults.Temporal;
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
    public async Task AddTemporalWorkerDefaults_TemporalDownWithinDeadline_StartingDegradedAndLoggedAsInformation()
    {
        var logs = new CapturedLogs();
        var address = $"127.0.0.1:{FreePort.Next()}";
        using var host = BuildHost(new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = address }, logs);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await host.StartAsync();
        try
        {
            await Poll.UntilAsync(() => WaitingLogs(logs, address).Count() >= 3, TimeSpan.FromSeconds(60));

            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
            var entry = await TemporalCheckAsync(host);
            Assert.Equal(HealthStatus.Degraded, entry.Status);
            Assert.StartsWith("Starting: worker for task queue(s) probe-queue", entry.Description, StringComparison.Ordinal);
            Assert.All(WaitingLogs(logs, address), level => Assert.Equal(LogLevel.Information, level));
            Assert.DoesNotContain(logs.Entries, log => log.Level is >= LogLevel.Warning and < LogLevel.None);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddTemporalWorkerDefaults_TemporalDownPastDeadline_UnhealthyAndOneErrorLogged()
    {
        var logs = new CapturedLogs();
        var address = $"127.0.0.1:{FreePort.Next()}";
        using var host = BuildHost(
            new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = address, ["Temporal:StartupDeadline"] = "00:00:00" }, logs);

        await host.StartAsync();
        try
        {
            await Poll.UntilAsync(
                () => logs.Messages.Count(message => message.Contains($"Temporal at {address} still does not answer", StringComparison.Ordinal)) >= 2,
                TimeSpan.FromSeconds(60));

            var entry = await TemporalCheckAsync(host);
            Assert.Equal(HealthStatus.Unhealthy, entry.Status);
            Assert.Contains("probe-queue", entry.Description, StringComparison.Ordinal);
            // Once, not per retry; the health service still logs each Unhealthy probe on its own.
            var deadline = Assert.Single(logs.Entries, log => log.Message.Contains("past the start-up deadline", StringComparison.Ordinal));
            Assert.Equal(LogLevel.Error, deadline.Level);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task StopAsync_WorkerRunning_StopsWithoutLoggingAFailure()
    {
        await using var emulator = await TemporalEmulator.StartAsync();
        var logs = new CapturedLogs();
        using var host = BuildHost(new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = emulator.Address }, logs);
        await host.StartAsync();
        await Poll.UntilAsync(async () => (await TemporalCheckAsync(host)).Status == HealthStatus.Healthy, TimeSpan.FromSeconds(60), "worker running");

        await host.StopAsync();

        // A graceful stop (Ctrl+C in the dev loop, a deployment) is not a crash: no "worker failed", no host error.
        Assert.Empty(logs.Entries.Where(log => log.Level is LogLevel.Error or LogLevel.Critical).Select(log => $"{log.Level} {log.Category}: {log.Text}"));
        Assert.Contains(logs.Entries, log => log.Message.Contains("probe-queue", StringComparison.Ordinal));
    }

    [Fact]
    public void AddTemporalWorkerDefaults_NegativeStartupDeadline_ValidationNamesTheSetting()
    {
        using var host = BuildHost(
            new Dictionary<string, string?> { ["TEMPORAL_ADDRESS"] = "localhost:7233", ["Temporal:StartupDeadline"] = "-00:00:01" },
            new CapturedLogs());

        var exception = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TemporalOptions>>().Value);

        Assert.Contains("Temporal:StartupDeadline", exception.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<LogLevel> WaitingLogs(CapturedLogs logs, string address) =>
        logs.Entries
            .Where(log => log.Message.Contains($"Temporal at {address} does not answer yet", StringComparison.Ordinal))
            .Select(log => log.Level);

    private static async Task<HealthReportEntry> TemporalCheckAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(registration => registration.Name == TemporalWorkerExtensions.HealthCheckName);
        return report.Entries[TemporalWorkerExtensions.HealthCheckName];
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
