using Agentic.WorkerDefaults.Probe;
using Agentic.WorkerDefaults.Telemetry;
using Agentic.WorkerDefaults.Temporal;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>How every worker service hosts its Temporal worker.</summary>
public static class TemporalWorkerExtensions
{
    /// <summary>Name of the readiness check that reports whether the workers poll Temporal.</summary>
    public const string HealthCheckName = "temporal";

    private const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>
    /// Binds and validates <see cref="TemporalOptions"/> from <c>TEMPORAL_ADDRESS</c> (required, host:port)
    /// and <c>TEMPORAL_NAMESPACE</c> (default "default"), registers the Temporal client and a hosted worker
    /// on <paramref name="taskQueue"/> that starts polling only once Temporal answers, the shared probe
    /// workflow and activity, and the "temporal" readiness check.
    /// </summary>
    /// <returns>The worker builder, so the service chains <c>.AddWorkflow&lt;T&gt;()</c> and its activities.</returns>
    public static ITemporalWorkerServiceOptionsBuilder AddTemporalWorkerDefaults(
        this IHostApplicationBuilder builder, string taskQueue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskQueue);
        var services = builder.Services;

        if (!services.Any(descriptor => descriptor.ServiceType == typeof(TemporalWorkerHealth)))
        {
            AddTemporalClientDefaults(builder);
        }

        var before = services.Count;
        var worker = services.AddHostedTemporalWorker(taskQueue);
        GateWorker(services, before, taskQueue);

        return worker
            .AddWorkflow<WorkerProbeWorkflow>()
            .AddSingletonActivities<WorkerProbeActivities>();
    }

    private static void AddTemporalClientDefaults(IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<TemporalOptions>()
            .Configure(options =>
            {
                options.Address = configuration[TemporalOptions.AddressKey];
                options.StartupDeadline = configuration.GetValue(TemporalOptions.StartupDeadlineKey, options.StartupDeadline);
                var @namespace = configuration[TemporalOptions.NamespaceKey];
                if (!string.IsNullOrWhiteSpace(@namespace))
                {
                    options.Namespace = @namespace;
                }
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<TemporalOptions>, TemporalOptionsValidator>());

        builder.Services.AddTemporalClient(clientTargetHost: null, clientNamespace: null)
            .Configure<IOptions<TemporalOptions>, ILoggerFactory>((connect, temporal, loggers) =>
            {
                connect.TargetHost = temporal.Value.Address;
                connect.Namespace = temporal.Value.Namespace;
                connect.LoggerFactory ??= loggers;
                // The SDK's worker and client metrics, into System.Diagnostics.Metrics and so to OTLP.
                connect.Runtime ??= TemporalMetrics.Runtime;
                // Spans for starts, signals, queries, updates and activity attempts, in the caller's trace.
                connect.Interceptors = [.. connect.Interceptors ?? [], new TracingInterceptor(), new LogScopeInterceptor(loggers)];
            });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TemporalWorkerHealth>();
        builder.Services.AddHealthChecks()
            .AddCheck<TemporalWorkerHealthCheck>(HealthCheckName, tags: ["ready"]);
        // A starting worker reports Degraded: still not ready, so /health answers 503 (body "Degraded") until it polls.
        builder.Services.Configure<HealthCheckOptions>(options =>
            options.ResultStatusCodes[HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable);
        // The health service logs every Degraded probe as a warning; starting is not worth one. The worker logs
        // its own wait (Information, then an error once the start-up deadline passes); Unhealthy still logs.
        builder.Logging.AddFilter(HealthCheckServiceCategory, LogLevel.Error);
    }

    /// <summary>Replaces the worker service just registered with one that waits for Temporal first.</summary>
    private static void GateWorker(IServiceCollection services, int from, string taskQueue)
    {
        var registered = services.Skip(from)
            .Single(descriptor => descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationFactory is not null);
        var createWorker = registered.ImplementationFactory!;
        services.Remove(registered);
        services.AddSingleton<IHostedService>(provider => new GatedTemporalWorker(
            taskQueue,
            (IHostedService)createWorker(provider),
            provider.GetRequiredService<ITemporalClient>(),
            provider.GetRequiredService<TemporalWorkerHealth>(),
            provider.GetRequiredService<IOptions<TemporalOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<GatedTemporalWorker>>()));
    }
}
