namespace Agentic.Emulator.Executions;

/// <summary>
/// The runs of one workflow id. Its lock is innermost: code holding an execution's lock may take it,
/// never the other way round.
/// </summary>
internal sealed class WorkflowChain
{
    public Lock Sync { get; } = new();

    public WorkflowRun? Current { get; set; }

    /// <summary>Set under <see cref="Sync"/> when retention removed the chain's last run: a start must take a new chain.</summary>
    public bool Removed { get; set; }
}
