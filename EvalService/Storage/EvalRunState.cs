namespace Agentic.EvalService.Storage;

/// <summary>Where an offline run is in its life; stored in lower case (eval_runs.state).</summary>
public enum EvalRunState
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}
