using Agentic.ApprovalService.Options;
using Agentic.ApprovalService.ReadModel;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.ApprovalService.Grpc;

/// <summary>The proposal workflows as the gRPC service and the portal use them.</summary>
public sealed class ProposalClient(ITemporalClient temporal, ProposalStore store, IOptions<ApprovalOptions> options)
{
    private const int StartConcurrency = 16;

    public static string WorkflowId(string project, string uniqueId) => $"approval/{project}/{uniqueId}";

    /// <summary>Starts a proposal per snapshot, or signals the running one to merge the newer import.</summary>
    public async Task<(int Started, int Updated)> ImportAsync(
        string project, ProjectRepository repository, IReadOnlyList<NodeSnapshot> nodes, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timings = new ApprovalTimings(settings.ReminderAfter, settings.EscalationAfter, settings.ExpiryAfter, settings.EventsPerRun);
        // Searchable from the start, before any workflow has drafted and reported.
        await store.SeedAsync(nodes.Select(node => DescribeModelWorkflow.InitialSummary(project, node)).ToList(), cancellationToken);
        var started = 0;
        var updated = 0;
        await Parallel.ForEachAsync(
            nodes,
            new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency, CancellationToken = cancellationToken },
            async (node, token) =>
            {
                var id = WorkflowId(project, node.UniqueId);
                var input = new DescribeModelInput(project, repository, node, timings);
                try
                {
                    await temporal.StartWorkflowAsync(
                        (DescribeModelWorkflow workflow) => workflow.RunAsync(input),
                        new WorkflowOptions(id, settings.TaskQueue)
                        {
                            IdConflictPolicy = WorkflowIdConflictPolicy.Fail,
                            IdReusePolicy = WorkflowIdReusePolicy.AllowDuplicate,
                            // Listed from the start, before the first draft updates the memo.
                            Memo = new Dictionary<string, object> { [DescribeModelWorkflow.MemoKey] = DescribeModelWorkflow.InitialSummary(project, node) },
                            Rpc = new RpcOptions { CancellationToken = token },
                        });
                    Interlocked.Increment(ref started);
                }
                catch (WorkflowAlreadyStartedException)
                {
                    await temporal.GetWorkflowHandle<DescribeModelWorkflow>(id)
                        .SignalAsync(workflow => workflow.ReimportAsync(new ReimportSignal(node)), new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = token } });
                    Interlocked.Increment(ref updated);
                }
            });
        return (started, updated);
    }

    public async Task<ProposalView?> GetAsync(string project, string uniqueId, CancellationToken cancellationToken)
    {
        try
        {
            return await temporal.GetWorkflowHandle<DescribeModelWorkflow>(WorkflowId(project, uniqueId))
                .QueryAsync(workflow => workflow.View, new WorkflowQueryOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The new state, or the refusal that left the proposal unchanged.</summary>
    public Task<(ProposalView? View, DecisionRefusal? Refusal)> DecideAsync(string project, string uniqueId, DecideUpdate update, CancellationToken cancellationToken) =>
        UpdateAsync(project, uniqueId, handle => handle.ExecuteUpdateAsync(workflow => workflow.DecideAsync(update), Options(cancellationToken)));

    public Task<(ProposalView? View, DecisionRefusal? Refusal)> RegenerateAsync(string project, string uniqueId, RegenerateUpdate update, CancellationToken cancellationToken) =>
        UpdateAsync(project, uniqueId, handle => handle.ExecuteUpdateAsync(workflow => workflow.RegenerateAsync(update), Options(cancellationToken)));

    private static WorkflowUpdateOptions Options(CancellationToken cancellationToken) =>
        new() { Rpc = new RpcOptions { CancellationToken = cancellationToken } };

    private async Task<(ProposalView? View, DecisionRefusal? Refusal)> UpdateAsync(
        string project, string uniqueId, Func<WorkflowHandle<DescribeModelWorkflow>, Task<ProposalView>> update)
    {
        try
        {
            return (await update(temporal.GetWorkflowHandle<DescribeModelWorkflow>(WorkflowId(project, uniqueId))), null);
        }
        catch (WorkflowUpdateFailedException exception) when (exception.InnerException is ApplicationFailureException failure
            && failure.ErrorType?.StartsWith(DecisionRefusal.ErrorTypePrefix, StringComparison.Ordinal) == true)
        {
            return (null, new DecisionRefusal(failure.ErrorType[DecisionRefusal.ErrorTypePrefix.Length..], failure.Message));
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            return (null, null);
        }
    }
}
