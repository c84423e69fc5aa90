using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Namespaces;

[Workflow]
public class EchoWorkflow
{
    [WorkflowRun]
    public Task<EchoOutput> RunAsync(EchoInput input) => Task.FromResult(new EchoOutput(input.Text, Workflow.Info.Namespace));
}
