using Agentic.EvalService.Grpc;

namespace Microsoft.AspNetCore.Builder;

public static class EvalGrpcEndpoints
{
    /// <summary>Maps the eval gRPC service: what Program.cs maps, for hosts built by tests and benchmarks.</summary>
    public static IEndpointRouteBuilder MapEvalGrpcService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<EvalGrpcService>();
        return endpoints;
    }
}
