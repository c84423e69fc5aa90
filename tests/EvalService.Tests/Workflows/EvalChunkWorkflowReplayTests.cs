using Agentic.EvalService.Tests.Integration;
using Agentic.EvalService.Workflows;
using Agentic.WorkerDefaults.Temporal;
using Temporalio.Common;
using Temporalio.Converters;
using Temporalio.Worker;

namespace Agentic.EvalService.Tests.Workflows;

public sealed class EvalChunkWorkflowReplayTests
{
    /// <summary>
    /// A chunk recorded before <see cref="EvalChunkWorkflow.JudgesAsActivitiesPatch"/> (three cases, a score judge and a
    /// pairwise judge in both orders as <see cref="JudgeWorkflow"/> children, one case failing its length check).
    /// </summary>
    private static readonly string RecordedHistory = Path.Combine(AppContext.BaseDirectory, "Data", "histories", "eval-chunk-judges-as-children.json");

    [Fact]
    public async Task ReplayWorkflowAsync_ChunkRecordedWithJudgeChildren_ReplaysWithoutNondeterminism()
    {
        var history = WorkflowHistory.FromJson("eval-run/chunk-history-1/chunk/0", await File.ReadAllTextAsync(RecordedHistory));
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions
        {
            // No deadlock detection: on a loaded machine a replaying task can be descheduled for longer than its 2 s.
            DebugMode = true,
            DataConverter = DataConverter.Default with { PayloadCodec = PayloadEncryptionCodec.FromBase64(EvalServiceHost.PayloadKey) },
        }.AddWorkflow<EvalChunkWorkflow>());

        var result = await replayer.ReplayWorkflowAsync(history, throwOnReplayFailure: false);

        Assert.Null(result.ReplayFailure);
        Assert.Contains(history.Events, e => e.StartChildWorkflowExecutionInitiatedEventAttributes is not null);
    }
}
