namespace Microsoft.Extensions.Hosting;

/// <summary>Composition of the eval service: its Temporal worker and its gRPC server.</summary>
public static class EvalServiceExtensions
{
    public const string TaskQueue = "eval-service";

    public static TBuilder AddApplicationServices<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // The eval workflows and activities join this worker as the eval issue lands.
        builder.AddTemporalWorkerDefaults(TaskQueue);
        builder.Services.AddGrpc();
        return builder;
    }
}
