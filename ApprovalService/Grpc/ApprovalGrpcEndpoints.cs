using Agentic.ApprovalService.Grpc;

namespace Microsoft.AspNetCore.Builder;

public static class ApprovalGrpcEndpoints
{
    /// <summary>Maps the approval gRPC service: what Program.cs maps, for hosts built by tests and benchmarks.</summary>
    public static IEndpointRouteBuilder MapApprovalGrpcService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ApprovalGrpcService>();
        return endpoints;
    }
}
