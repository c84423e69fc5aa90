using Agentic.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

public static class RedisResourceExtensions
{
    /// <summary>
    /// Redis named <paramref name="name"/>: the Redis container where the plan uses containers, the local
    /// <c>redis-server</c> otherwise. Either way <c>WithReference</c> yields <c>ConnectionStrings__{name}</c>.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedisFor(
        this IDistributedApplicationBuilder builder, string name, InfrastructurePlan plan)
    {
        if (plan.UsesContainers)
        {
            return builder.AddRedis(name).WithInfrastructureMode(plan);
        }

        var directory = TemporaryDirectories.For(builder).Create("agentic-redis-");
        var redis = builder.AddResource(new RedisServerResource(name, "redis-server", directory));
        var endpoint = redis.Resource.PrimaryEndpoint;
        var healthCheck = $"{name}-ping";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, new RedisPingHealthCheck(endpoint), HealthStatus.Unhealthy, tags: null));

        return redis
            .WithEndpoint(RedisServerResource.EndpointName, endpoint => endpoint.UriScheme = "tcp")
            .WithArgs(context =>
            {
                // The proxy listens on the published port; redis-server binds the target port behind it.
                context.Args.Add("--port");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--save");
                context.Args.Add(string.Empty);
                context.Args.Add("--appendonly");
                context.Args.Add("no");
                context.Args.Add("--dir");
                context.Args.Add(directory);
            })
            .WithHealthCheck(healthCheck)
            .WithInfrastructureMode(plan);
    }

    /// <summary>Shows the chosen mode on the resource in the dashboard.</summary>
    public static IResourceBuilder<T> WithInfrastructureMode<T>(this IResourceBuilder<T> resource, InfrastructurePlan plan)
        where T : IResourceWithEnvironment =>
        resource.WithEnvironment("AGENTIC_INFRASTRUCTURE_MODE", plan.Describe());
}
