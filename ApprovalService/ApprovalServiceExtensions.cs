namespace Microsoft.Extensions.Hosting;

/// <summary>Composition of the approval service: its Temporal worker and its gRPC server.</summary>
public static class ApprovalServiceExtensions
{
    public const string TaskQueue = "approval-service";

    public static TBuilder AddApplicationServices<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // The approval workflows and activities join this worker as the approval issue lands.
        builder.AddTemporalWorkerDefaults(TaskQueue);
        builder.Services.AddGrpc();
        return builder;
    }
}
