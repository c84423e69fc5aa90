namespace Agentic.AppHost.Infrastructure;

/// <summary>The infrastructure chosen for this run and why, as shown in the logs and the dashboard.</summary>
public sealed record InfrastructurePlan(
    InfrastructureMode Mode,
    TemporalHosting Temporal,
    string? TemporalCliPath,
    string Reason)
{
    public bool UsesContainers => Mode == InfrastructureMode.Containers;

    public string Describe() =>
        $"Infrastructure mode {Mode} (Redis: {(UsesContainers ? "container" : "local redis-server")}, Temporal: {Temporal}): {Reason}";
}
