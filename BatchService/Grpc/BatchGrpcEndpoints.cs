using Agentic.BatchService.Grpc;

namespace Microsoft.AspNetCore.Builder;

public static class BatchGrpcEndpoints
{
    /// <summary>Maps the batch gRPC service: what Program.cs maps, for hosts built by tests and benchmarks.</summary>
    public static IEndpointRouteBuilder MapBatchGrpcService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<BatchGrpcService>();
        return endpoints;
    }
}
