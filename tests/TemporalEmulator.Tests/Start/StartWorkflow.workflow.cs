using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Start;

[Workflow]
public class StartWorkflow
{
    private bool _released;

    [WorkflowRun]
    public async Task<StartOutput> RunAsync(StartInput input)
    {
        var startedAt = Workflow.UtcNow;
        if (Workflow.Info.Attempt < input.FailBeforeAttempt)
        {
            throw new ApplicationFailureException($"attempt {Workflow.Info.Attempt} fails", "AttemptFailed");
        }

        if (input.WaitForRelease)
        {
            await Workflow.WaitConditionAsync(() => _released);
        }

        var note = Workflow.Memo.TryGetValue("note", out var raw) ? (string?)Workflow.PayloadConverter.ToValue(raw.Payload, typeof(string)) : null;
        return new StartOutput(input.Label, Workflow.Info.RunId, Workflow.Info.Attempt, note, startedAt, Workflow.UtcNow);
    }

    [WorkflowSignal]
    public Task ReleaseAsync(ReleaseSignal signal)
    {
        _released = true;
        return Task.CompletedTask;
    }
}
