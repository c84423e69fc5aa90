using Agentic.Emulator.Tests.Common;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Commands;

/// <summary>Upserts search attributes and memo, then waits so the test can describe it while running.</summary>
[Workflow]
public class UpsertWorkflow
{
    private bool _released;

    [WorkflowRun]
    public async Task<CommandOutput> RunAsync(CommandInput input)
    {
        Workflow.UpsertTypedSearchAttributes(
            TestSearchAttributes.Keyword.ValueSet(input.Text),
            TestSearchAttributes.Number.ValueSet(7));
        Workflow.UpsertMemo(MemoUpdate.ValueSet("status", "upserted"), MemoUpdate.ValueUnset("removed"));
        await Workflow.WaitConditionAsync(() => _released);
        var keyword = Workflow.TypedSearchAttributes.Get(TestSearchAttributes.Keyword);
        return new CommandOutput(keyword);
    }

    [WorkflowSignal]
    public Task ReleaseAsync(ExternalSignal signal)
    {
        _released = true;
        return Task.CompletedTask;
    }
}
