using Agentic.ApprovalService.Workflows;
using Grpc.Core;

namespace Agentic.ApprovalService.Grpc;

/// <summary>gRPC statuses the service answers with; messages name the field or say why a decision was refused.</summary>
internal static class ApprovalErrors
{
    public static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    public static RpcException NotFound(string project, string uniqueId) =>
        new(new Status(StatusCode.NotFound, $"no proposal for '{uniqueId}' in project '{project}'"));

    public static RpcException Refused(DecisionRefusal refusal) => new(new Status(
        refusal.Code switch
        {
            "not-allowed" => StatusCode.PermissionDenied,
            "stale" => StatusCode.Aborted,
            "closed" => StatusCode.FailedPrecondition,
            _ => StatusCode.InvalidArgument,
        },
        refusal.Message));
}
