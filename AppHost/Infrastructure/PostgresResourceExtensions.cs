using Agentic.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

public static class PostgresResourceExtensions
{
    /// <summary>
    /// PostgreSQL named <paramref name="name"/>: the PostgreSQL container where the plan uses containers, the
    /// machine's PostgreSQL server otherwise (fresh data directory, free loopback port). Add databases with
    /// <see cref="AddDatabaseFor"/>; <c>WithReference(database)</c> yields <c>ConnectionStrings__{database}</c>.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresFor(
        this IDistributedApplicationBuilder builder, string name, InfrastructurePlan plan)
    {
        if (plan.UsesContainers)
        {
            return builder.AddPostgres(name).WithInfrastructureMode(plan);
        }

        var binDirectory = LocalPostgresSetup.FindBinDirectory(Environment.GetEnvironmentVariable("PATH"));
        var dataDirectory = TemporaryDirectories.For(builder).Create("agentic-postgres-");
        var (command, leadingArguments) = LocalPostgresSetup.AsServiceUser(Path.Combine(binDirectory ?? "/usr/lib/postgresql/15/bin", "postgres"));
        var postgres = builder.AddResource(new LocalPostgresResource(name, command, dataDirectory));
        var server = postgres.Resource;
        var endpoint = server.PrimaryEndpoint;

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (_, cancellationToken) =>
        {
            if (binDirectory is null)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL is not installed (no {LocalPostgresSetup.PostgresLibDirectory}/*/bin/postgres, none on PATH). "
                    + $"Install it with: {LocalPostgresSetup.InstallHint}");
            }

            await LocalPostgresSetup.InitializeAsync(binDirectory, dataDirectory, cancellationToken);
        });
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (ready, cancellationToken) =>
        {
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
            await LocalPostgresSetup.CreateDatabasesAsync(
                connectionString!, server.Databases.Select(database => database.DatabaseName), cancellationToken);
            // A database has no process of its own: it runs once it exists, and its health check takes over.
            var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in server.Databases)
            {
                await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                });
            }
        });

        return postgres
            .WithEndpoint(LocalPostgresResource.EndpointName, endpoint => endpoint.UriScheme = "tcp")
            .WithArgs(context =>
            {
                foreach (var argument in leadingArguments)
                {
                    context.Args.Add(argument);
                }

                // The proxy listens on the published port; the server binds the target port behind it.
                context.Args.Add("-D");
                context.Args.Add(dataDirectory);
                context.Args.Add("-p");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-k");
                context.Args.Add(dataDirectory);
                context.Args.Add("-c");
                context.Args.Add("listen_addresses=127.0.0.1");
                // A throwaway cluster: nothing to keep across a crash, so skip the disk flushes.
                context.Args.Add("-c");
                context.Args.Add("fsync=off");
            })
            .WithPostgresHealthCheck(builder)
            .WithInfrastructureMode(plan);
    }

    /// <summary>
    /// A database named <paramref name="name"/> on the server, created when the server first answers and
    /// healthy once it accepts connections.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDatabaseFor(
        this IResourceBuilder<IResourceWithConnectionString> server, string name)
    {
        switch (server.Resource)
        {
            case PostgresServerResource container:
                return server.ApplicationBuilder.CreateResourceBuilder(container).AddDatabase(name);
            case LocalPostgresResource local:
                var database = new LocalPostgresDatabaseResource(name, name, local);
                local.Databases.Add(database);
                return server.ApplicationBuilder.AddResource(database)
                    .WithParentRelationship(local)
                    .WithInitialState(new CustomResourceSnapshot
                    {
                        ResourceType = "PostgresDatabase",
                        State = KnownResourceStates.Waiting,
                        Properties = [new("postgres.database", name)],
                    })
                    .WithPostgresHealthCheck(server.ApplicationBuilder);
            default:
                throw new ArgumentException($"{server.Resource.Name} is not a PostgreSQL resource.", nameof(server));
        }
    }

    private static IResourceBuilder<T> WithPostgresHealthCheck<T>(this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder)
        where T : IResourceWithConnectionString
    {
        var healthCheck = $"{resource.Resource.Name}-query";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, new PostgresHealthCheck(resource.Resource), HealthStatus.Unhealthy, tags: null));
        return resource.WithHealthCheck(healthCheck);
    }
}
