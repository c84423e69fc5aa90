using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Temporalio.Api.Common.V1;
using Temporalio.Api.ErrorDetails.V1;

namespace Agentic.Emulator.Frontend;

/// <summary>gRPC errors the way Temporal's frontend shapes them, with typed details where the SDK reads them.</summary>
internal static class RpcErrors
{
    public static RpcException InvalidArgument(string message) => Create(StatusCode.InvalidArgument, message, null);

    public static RpcException NotFound(string message) =>
        Create(StatusCode.NotFound, message, new NotFoundFailure());

    public static RpcException FailedPrecondition(string message) => Create(StatusCode.FailedPrecondition, message, null);

    public static RpcException Unimplemented(string method) =>
        Create(StatusCode.Unimplemented, $"{method} is not implemented by the Temporal emulator", null);

    public static RpcException WorkflowNotFound(string workflowId, string runId) =>
        NotFound($"workflow execution not found: {workflowId}/{runId}");

    public static RpcException AlreadyStarted(string workflowId, string startRequestId, string runId) =>
        Create(
            StatusCode.AlreadyExists,
            $"Workflow execution is already running. WorkflowId: {workflowId}, RunId: {runId}.",
            new WorkflowExecutionAlreadyStartedFailure { StartRequestId = startRequestId, RunId = runId });

    public static RpcException NamespaceAlreadyExists(string name) =>
        Create(StatusCode.AlreadyExists, $"Namespace {name} already exists.", new NamespaceAlreadyExistsFailure());

    public static RpcException NamespaceNotFound(string name) =>
        Create(StatusCode.NotFound, $"Namespace {name} is not found.", new NamespaceNotFoundFailure { Namespace = name });

    public static RpcException QueryFailed(string message, Temporalio.Api.Failure.V1.Failure? failure) =>
        Create(StatusCode.InvalidArgument, message, new QueryFailedFailure { Failure = failure });

    /// <summary>
    /// Wraps the error of operation <paramref name="failedIndex"/> of a multi-operation the way the server does:
    /// that operation's status with its details, every other operation aborted.
    /// </summary>
    public static RpcException MultiOperation(RpcException error, int failedIndex, int count)
    {
        var failure = new MultiOperationExecutionFailure();
        var inner = error.Trailers.GetValueBytes("grpc-status-details-bin") is { } bytes ? GrpcStatus.Parser.ParseFrom(bytes) : null;
        for (var i = 0; i < count; i++)
        {
            var status = new MultiOperationExecutionFailure.Types.OperationStatus();
            if (i == failedIndex)
            {
                status.Code = (int)error.StatusCode;
                status.Message = error.Status.Detail;
                if (inner is not null)
                {
                    status.Details.Add(inner.Details);
                }
            }
            else
            {
                status.Code = (int)StatusCode.Aborted;
                status.Message = "Operation was aborted.";
            }

            failure.Statuses.Add(status);
        }

        return Create(error.StatusCode, "Update-with-Start could not be executed.", failure);
    }

    private static RpcException Create(StatusCode code, string message, IMessage? detail)
    {
        var status = new GrpcStatus { Code = (int)code, Message = message };
        if (detail is not null)
        {
            status.Details.Add(Any.Pack(detail));
        }

        var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };
        return new RpcException(new Status(code, message), trailers);
    }
}
