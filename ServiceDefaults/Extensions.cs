using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Agentic service shares: telemetry, health, service discovery and resilient HTTP.
/// </summary>
public static class Extensions
{
    /// <summary>Tag that marks health checks which must pass before a service takes traffic.</summary>
    public const string ReadyTag = "ready";

    private const string LiveTag = "live";

    /// <summary>Activity sources and meters of our own code; services add theirs through these names.</summary>
    public static readonly string[] TelemetrySourceNames = ["Agentic.*", "Temporalio.*"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddBasicServiceDefaults();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    /// <summary>
    /// Telemetry, health and service discovery without the standard HTTP resilience handler: for Temporal
    /// workers, whose activities own retries (a 429 must wait exactly the gateway's Retry-After, which the
    /// handler's retries, circuit breaker or 30 s total timeout would get wrong). eShop's AddBasicServiceDefaults
    /// draws the same line.
    /// </summary>
    public static TBuilder AddBasicServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySourceNames))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetrySourceNames)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes would drown the traces that matter.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                        && !context.Request.Path.StartsWithSegments("/alive", StringComparison.Ordinal))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        // The standard grpc.health.v1 service reports the same checks to gRPC callers; it is a gRPC
        // service, so every service gets the gRPC server (AddGrpc is idempotent for services that add it too).
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        // Reflection lets grpcurl and similar tools discover services without .proto files (development only).
        builder.Services.AddGrpcReflection();

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check: ready for traffic), <c>/alive</c> (liveness only), the gRPC health
    /// service and, in development, gRPC reflection.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
        });
        app.MapGrpcHealthChecksService();
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService();
        }

        return app;
    }
}
