using Grpc.Core;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public Task<GetSystemInfoResponse> GetSystemInfo(GetSystemInfoRequest request, ServerCallContext call) =>
        Task.FromResult(new GetSystemInfoResponse
        {
            ServerVersion = "1.25.0-emulator",
            Capabilities = new GetSystemInfoResponse.Types.Capabilities
            {
                SignalAndQueryHeader = true,
                InternalErrorDifferentiation = true,
                ActivityFailureIncludeHeartbeat = true,
                EncodedFailureAttributes = true,
                UpsertMemo = true,
                SdkMetadata = true,
                EagerWorkflowStart = true,
                CountGroupByExecutionStatus = true,
            },
        });

    public Task<GetClusterInfoResponse> GetClusterInfo(GetClusterInfoRequest request, ServerCallContext call) =>
        Task.FromResult(new GetClusterInfoResponse
        {
            ClusterName = "active",
            ClusterId = "temporal-emulator",
            ServerVersion = "1.25.0-emulator",
            HistoryShardCount = 1,
            PersistenceStore = "memory",
            VisibilityStore = "memory",
        });

    public Task<RegisterNamespaceResponse> RegisterNamespace(RegisterNamespaceRequest request, ServerCallContext call)
    {
        if (string.IsNullOrEmpty(request.Namespace))
        {
            throw RpcErrors.InvalidArgument("namespace is not set");
        }

        if (!context.Namespaces.TryRegister(request.Namespace, request.Description, request.WorkflowExecutionRetentionPeriod))
        {
            throw RpcErrors.NamespaceAlreadyExists(request.Namespace);
        }

        return Task.FromResult(new RegisterNamespaceResponse());
    }

    public Task<DescribeNamespaceResponse> DescribeNamespace(DescribeNamespaceRequest request, ServerCallContext call)
    {
        var found = !string.IsNullOrEmpty(request.Id)
            ? context.Namespaces.DescribeById(request.Id)
            : context.Namespaces.Describe(request.Namespace);
        return Task.FromResult(found ?? throw RpcErrors.NamespaceNotFound(string.IsNullOrEmpty(request.Id) ? request.Namespace : request.Id));
    }

    public Task<ListNamespacesResponse> ListNamespaces(ListNamespacesRequest request, ServerCallContext call)
    {
        var response = new ListNamespacesResponse();
        response.Namespaces.AddRange(context.Namespaces.All());
        return Task.FromResult(response);
    }

    public Task<ShutdownWorkerResponse> ShutdownWorker(ShutdownWorkerRequest request, ServerCallContext call)
    {
        // The worker waits for its outstanding polls; answer them now rather than at the long-poll deadline.
        context.TaskQueues.ReleasePollers(request.Namespace, request.Identity);
        if (!string.IsNullOrEmpty(request.StickyTaskQueue))
        {
            foreach (var item in context.TaskQueues.CloseSticky(request.Namespace, request.StickyTaskQueue))
            {
                item.Execution.LeaveStickyQueue(item.ScheduledEventId);
            }
        }

        return Task.FromResult(new ShutdownWorkerResponse());
    }

    /// <summary>Sticky queues are never used, so there is nothing to reset.</summary>
    public Task<ResetStickyTaskQueueResponse> ResetStickyTaskQueue(ResetStickyTaskQueueRequest request, ServerCallContext call) =>
        Task.FromResult(new ResetStickyTaskQueueResponse());

    public Task<DescribeTaskQueueResponse> DescribeTaskQueue(DescribeTaskQueueRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        return Task.FromResult(new DescribeTaskQueueResponse());
    }

    public Task<GetSearchAttributesResponse> GetSearchAttributes(GetSearchAttributesRequest request, ServerCallContext call)
    {
        var response = new GetSearchAttributesResponse();
        foreach (var (name, type) in Visibility.BuiltInSearchAttributes.Types.Concat(context.CustomSearchAttributes))
        {
            response.Keys[name] = type;
        }

        return Task.FromResult(response);
    }
}
