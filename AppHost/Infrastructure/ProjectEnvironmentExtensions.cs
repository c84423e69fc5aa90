namespace Aspire.Hosting;

public static class ProjectEnvironmentExtensions
{
    /// <summary>
    /// Runs every project in the AppHost's own environment (Development in the dev loop): without it a project
    /// with no launch profile runs as Production, and development-only endpoints such as gRPC reflection are off.
    /// A project's launch profile still wins. Publishing leaves the environment to the deployment.
    /// </summary>
    public static IDistributedApplicationBuilder RunProjectsInAppHostEnvironment(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        var environment = builder.Environment.EnvironmentName;
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    context.EnvironmentVariables.TryAdd("ASPNETCORE_ENVIRONMENT", environment);
                    context.EnvironmentVariables.TryAdd("DOTNET_ENVIRONMENT", environment);
                }));
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
