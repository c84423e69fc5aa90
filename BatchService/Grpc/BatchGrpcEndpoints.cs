using Agentic.BatchService.Grpc;

namespace Microsoft.AspNetCore.Builder;

public static class BatchGrpcEndpoints
{
    /// <summary>Maps the batch gRPC services (batch jobs, shadow comparisons): what Program.cs maps, for hosts built by tests and benchmarks.</summary>
    public static IEndpointRouteBuilder MapBatchGrpcService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<BatchGrpcService>();
        endpoints.MapGrpcService<ShadowGrpcService>();
        return endpoints;
    }
}
