using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.ChildWorkflows;

[Workflow]
public class ParentWorkflow
{
    [WorkflowRun]
    public async Task<ParentOutput> RunAsync(ParentInput input)
    {
        var id = Workflow.Info.WorkflowId;
        switch (input.Mode)
        {
            case "fan-out":
                var ids = Enumerable.Range(0, input.Children).Select(i => $"{id}-child-{i}").ToList();
                var results = await Workflow.WhenAllAsync(ids.Select((childId, i) => Workflow.ExecuteChildWorkflowAsync(
                    (ChildWorkflow wf) => wf.RunAsync(new ChildInput("double", i)), new ChildWorkflowOptions { Id = childId })));
                if (results.Any(r => r.ParentId != id))
                {
                    throw new ApplicationFailureException("a child did not know its parent");
                }

                return new ParentOutput(results.Sum(r => (long)r.Value), ids, "all done");

            case "close-policy":
                var policy = Enum.Parse<ParentClosePolicy>(input.ClosePolicy);
                var waiting = await Workflow.StartChildWorkflowAsync(
                    (ChildWorkflow wf) => wf.RunAsync(new ChildInput("wait", 0)),
                    new ChildWorkflowOptions { Id = $"{id}-child", ParentClosePolicy = policy });
                return new ParentOutput(0, [waiting.Id], "parent closing");

            case "cancel-child":
                using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken))
                {
                    var child = await Workflow.StartChildWorkflowAsync(
                        (ChildWorkflow wf) => wf.RunAsync(new ChildInput("wait", 0)),
                        new ChildWorkflowOptions
                        {
                            Id = $"{id}-child",
                            CancellationToken = cancel.Token,
                            CancellationType = ChildWorkflowCancellationType.WaitCancellationCompleted,
                        });
                    cancel.Cancel();
                    try
                    {
                        await child.GetResultAsync();
                        return new ParentOutput(0, [child.Id], "child finished");
                    }
                    catch (ChildWorkflowFailureException e) when (e.InnerException is CanceledFailureException)
                    {
                        return new ParentOutput(0, [child.Id], "child canceled");
                    }
                }

            case "signal-child":
                var signaled = await Workflow.StartChildWorkflowAsync(
                    (ChildWorkflow wf) => wf.RunAsync(new ChildInput("wait", 0)), new ChildWorkflowOptions { Id = $"{id}-child" });
                await signaled.SignalAsync(wf => wf.FinishAsync(new FinishSignal(7)));
                var finished = await signaled.GetResultAsync();
                return new ParentOutput(finished.Value, [signaled.Id], $"child finished with {finished.Value}");

            case "duplicate-child":
                var original = await Workflow.StartChildWorkflowAsync(
                    (ChildWorkflow wf) => wf.RunAsync(new ChildInput("wait", 0)), new ChildWorkflowOptions { Id = $"{id}-child" });
                try
                {
                    await Workflow.StartChildWorkflowAsync(
                        (ChildWorkflow wf) => wf.RunAsync(new ChildInput("wait", 1)), new ChildWorkflowOptions { Id = $"{id}-child" });
                    return new ParentOutput(0, [original.Id], "duplicate started");
                }
                catch (WorkflowAlreadyStartedException e)
                {
                    return new ParentOutput(0, [original.Id], $"duplicate rejected: {e.WorkflowId}");
                }

            case "child-fails":
                try
                {
                    await Workflow.ExecuteChildWorkflowAsync(
                        (ChildWorkflow wf) => wf.RunAsync(new ChildInput("fail", 9)),
                        new ChildWorkflowOptions { Id = $"{id}-child", RetryPolicy = new() { MaximumAttempts = 1 } });
                    return new ParentOutput(0, [], "child succeeded");
                }
                catch (ChildWorkflowFailureException e) when (e.InnerException is ApplicationFailureException app)
                {
                    return new ParentOutput(0, [e.WorkflowId], $"{app.ErrorType}: {app.Message}");
                }

            default:
                throw new ApplicationFailureException($"unknown mode {input.Mode}", nonRetryable: true);
        }
    }
}
