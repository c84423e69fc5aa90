using Agentic.Emulator.Executions;
using Agentic.Emulator.TaskQueues;
using Grpc.Core;

namespace Agentic.Emulator.Frontend;

/// <summary>
/// Temporal's WorkflowService frontend. Each public method named like an RPC serves it
/// (see <see cref="ProtobufServiceBinder{TService}"/>); the rest answer UNIMPLEMENTED.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "RPC handlers are bound by name as instance methods.")]
internal sealed partial class WorkflowServiceEndpoint(EmulatorContext context)
{
    /// <summary>Long polls answer empty before this, well inside the SDK's 70 s deadline.</summary>
    private static readonly TimeSpan MaxLongPoll = TimeSpan.FromSeconds(55);

    private ExecutionStore Executions => context.Executions;

    private void RequireNamespace(string @namespace)
    {
        if (string.IsNullOrEmpty(@namespace))
        {
            throw RpcErrors.InvalidArgument("namespace is not set");
        }

        if (!context.Namespaces.Exists(@namespace))
        {
            throw RpcErrors.NamespaceNotFound(@namespace);
        }
    }

    private static TimeSpan LongPollTimeout(ServerCallContext call)
    {
        var untilDeadline = call.Deadline == DateTime.MaxValue ? MaxLongPoll : call.Deadline - DateTime.UtcNow - TimeSpan.FromSeconds(2);
        return untilDeadline < MaxLongPoll ? (untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero) : MaxLongPoll;
    }

    private CancellationTokenSource LongPollCancellation(ServerCallContext call)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, context.Stopping.Token);
        source.CancelAfter(LongPollTimeout(call));
        return source;
    }

    /// <summary>
    /// For calls that end in an error rather than an empty answer when time runs out (queries): the caller's own
    /// deadline, all of it, as the server gives; <see cref="MaxLongPoll"/> when the caller set none.
    /// </summary>
    private CancellationTokenSource CallCancellation(ServerCallContext call)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, context.Stopping.Token);
        if (call.Deadline == DateTime.MaxValue)
        {
            source.CancelAfter(MaxLongPoll);
        }

        return source;
    }

    private (WorkflowRun Run, TaskToken Token) ResolveToken(Google.Protobuf.ByteString taskToken)
    {
        if (!TaskToken.TryParse(taskToken, out var token))
        {
            throw RpcErrors.InvalidArgument("task_token is malformed");
        }

        var run = Executions.GetRun(token.RunId) ?? throw RpcErrors.NotFound("Workflow execution not found.");
        return (run, token);
    }

    private static string RequireWorkflowId(string workflowId, string field = "workflow_id") =>
        string.IsNullOrEmpty(workflowId) ? throw RpcErrors.InvalidArgument($"{field} is not set") : workflowId;
}
