using System.Text;
using Agentic.AppHost.Tests.Otlp;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>The whole AppHost in Local mode (no containers), started once for the end-to-end tests.</summary>
public sealed class LocalAppHostFixture : IAsyncLifetime
{
    public static readonly string[] Infrastructure = ["redis", "temporal", "postgres", "evaldb", "approvaldb", "batchdb"];
    public static readonly string[] WorkerServices = ["eval-service", "batch-service", "approval-service"];
    public static readonly string[] AllResources = [.. Infrastructure, "llm-gateway", .. WorkerServices];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private DistributedApplication? _app;
    private OtlpReceiver? _telemetry;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost did not start.");

    /// <summary>Every span and log line the system's processes export.</summary>
    public OtlpReceiver Telemetry => _telemetry ?? throw new InvalidOperationException("The OTLP receiver did not start.");

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            // The emulator stays in memory: tests never touch the user's data folder.
            ["Infrastructure:Mode=Local", "Temporal:EmulatorDatabase=memory"],
            (options, _) => options.DisableDashboard = true);
        _telemetry = await OtlpReceiver.StartAsync();
        ExportTelemetryTo(builder, _telemetry.Endpoint);
        ConfigureApprovals(builder);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            // Health probes fail by design until each resource is up; the timeout message lists the states.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));

        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            // Start returns once every resource is created, which for the workers means after Temporal is healthy.
            await _app.StartAsync(timeout.Token);
            var notifications = _app.Services.GetRequiredService<ResourceNotificationService>();
            await Task.WhenAll(AllResources.Select(name => notifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        }
        catch (OperationCanceledException exception)
        {
            throw new TimeoutException(
                $"Not every resource became healthy within {StartTimeout.TotalSeconds:F0} s:\n{DescribeResources()}", exception);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_telemetry is not null)
        {
            await _telemetry.DisposeAsync();
        }
    }

    /// <summary>
    /// Points every project's OpenTelemetry exporter at the receiver, as the AppHost points them at the dashboard:
    /// the same variables, set after the AppHost's own so they win. OTLP/HTTP protobuf keeps the receiver a plain
    /// HTTP endpoint; short batch delays and export intervals let a test see its spans and metrics within seconds.
    /// </summary>
    private static void ExportTelemetryTo(IDistributedApplicationTestingBuilder builder, Uri endpoint)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint.ToString().TrimEnd('/'))
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "500")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "500")
                .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "1000");
        }
    }

    /// <summary>
    /// A reviewer who may decide on every node, and pull requests that open a second after the last approval
    /// instead of after the production quiet period.
    /// </summary>
    private static void ConfigureApprovals(IDistributedApplicationTestingBuilder builder) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(project => project.Name == "approval-service"))
            .WithEnvironment($"Approval__Users__{ApprovalWork.Reviewer}__Groups__0", "admins")
            .WithEnvironment("Approval__PullRequestDebounce", "00:00:01");

    /// <summary>The frontend address as the workers get it: host:port of the temporal resource's grpc endpoint.</summary>
    public string TemporalAddress
    {
        get
        {
            var endpoint = App.GetEndpoint("temporal", "grpc");
            return $"{endpoint.Host}:{endpoint.Port}";
        }
    }

    public string DescribeResources()
    {
        var notifications = App.Services.GetRequiredService<ResourceNotificationService>();
        var text = new StringBuilder();
        foreach (var name in AllResources)
        {
            if (notifications.TryGetCurrentState(name, out var resource))
            {
                text.AppendLine($"  {name}: state {resource.Snapshot.State?.Text}, health {resource.Snapshot.HealthStatus}, exit {resource.Snapshot.ExitCode}");
            }
        }

        return text.ToString();
    }
}
