using Grpc.Core;

namespace Agentic.EvalService.Grpc;

/// <summary>The gRPC errors the service answers with; INVALID_ARGUMENT always names the field.</summary>
public static class GrpcErrors
{
    public static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    public static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, what));

    public static RpcException NoDatabase(string message) => new(new Status(StatusCode.FailedPrecondition, message));
}
