using Agentic.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

public static class TemporalResourceExtensions
{
    public const string GrpcEndpoint = "grpc";
    public const string UiEndpoint = "ui";
    public const string DefaultNamespace = "default";
    public const string ImageTag = "1.4.1";

    /// <summary>
    /// Temporal named <paramref name="name"/> with a <c>grpc</c> endpoint (the frontend) and, where there
    /// is one, a <c>ui</c> endpoint: the dev-server container, the temporal CLI or our emulator.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddTemporalFor(
        this IDistributedApplicationBuilder builder, string name, InfrastructurePlan plan)
    {
        IResourceBuilder<IResourceWithEndpoints> temporal = plan.Temporal switch
        {
            TemporalHosting.Container => builder.AddContainer(name, "temporalio/temporal", ImageTag)
                .WithArgs("server", "start-dev", "--ip", "0.0.0.0", "--db-filename", "/data/temporal.db")
                .WithVolume($"{name}-data", "/data")
                .WithEndpoint(targetPort: 7233, name: GrpcEndpoint, scheme: "http")
                .WithEndpoint(GrpcEndpoint, endpoint => endpoint.Transport = "http2")
                .WithHttpEndpoint(targetPort: 8233, name: UiEndpoint)
                .WithInfrastructureMode(plan),
            TemporalHosting.Cli => AddTemporalCli(builder, name, plan),
            _ => AddTemporalEmulator(builder, name, plan),
        };

        var healthCheck = $"{name}-system-info";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck,
            new TemporalHealthCheck(temporal.Resource.GetEndpoint(GrpcEndpoint)),
            HealthStatus.Unhealthy,
            tags: null));
        return temporal.WithHealthCheck(healthCheck);
    }

    /// <summary>
    /// Gives a worker Temporal's standard settings (<c>TEMPORAL_ADDRESS</c> as host:port,
    /// <c>TEMPORAL_NAMESPACE</c>) and starts it once Temporal answers.
    /// </summary>
    public static IResourceBuilder<T> WithTemporal<T>(
        this IResourceBuilder<T> worker, IResourceBuilder<IResourceWithEndpoints> temporal, string @namespace = DefaultNamespace)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        var frontend = temporal.Resource.GetEndpoint(GrpcEndpoint);
        return worker
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["TEMPORAL_ADDRESS"] = frontend.Property(EndpointProperty.HostAndPort);
                context.EnvironmentVariables["TEMPORAL_NAMESPACE"] = @namespace;
            })
            .WithReferenceRelationship(temporal.Resource)
            .WaitFor(temporal);
    }

    private static IResourceBuilder<IResourceWithEndpoints> AddTemporalCli(
        IDistributedApplicationBuilder builder, string name, InfrastructurePlan plan)
    {
        var cli = builder.AddExecutable(name, plan.TemporalCliPath!, Directory.GetCurrentDirectory())
            .WithEndpoint(name: GrpcEndpoint, scheme: "http")
            .WithEndpoint(GrpcEndpoint, endpoint => endpoint.Transport = "http2")
            .WithHttpEndpoint(name: UiEndpoint)
            .WithInfrastructureMode(plan);
        var frontend = cli.GetEndpoint(GrpcEndpoint);
        var ui = cli.GetEndpoint(UiEndpoint);
        return cli.WithArgs(context =>
        {
            context.Args.Add("server");
            context.Args.Add("start-dev");
            context.Args.Add("--ip");
            context.Args.Add("127.0.0.1");
            context.Args.Add("--port");
            context.Args.Add(frontend.Property(EndpointProperty.TargetPort));
            context.Args.Add("--ui-port");
            context.Args.Add(ui.Property(EndpointProperty.TargetPort));
        });
    }

    private static IResourceBuilder<IResourceWithEndpoints> AddTemporalEmulator(
        IDistributedApplicationBuilder builder, string name, InfrastructurePlan plan)
    {
        var emulator = builder.AddProject<Projects.TemporalEmulator>(name)
            .WithEndpoint(name: GrpcEndpoint, scheme: "http")
            .WithEndpoint(GrpcEndpoint, endpoint => endpoint.Transport = "http2")
            .WithInfrastructureMode(plan);
        var frontend = emulator.GetEndpoint(GrpcEndpoint);
        var database = TemporalEmulatorDatabase.Resolve(builder.Configuration[TemporalEmulatorDatabase.Setting]);
        // The emulator binds the port it is given (plaintext HTTP/2) and ignores ASP.NET's URL settings.
        return emulator.WithArgs(context =>
        {
            context.Args.Add("--port");
            context.Args.Add(frontend.Property(EndpointProperty.TargetPort));
            if (database is not null)
            {
                context.Args.Add("--db-filename");
                context.Args.Add(database);
            }
        });
    }
}
