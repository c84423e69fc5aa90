namespace Agentic.AppHost.Infrastructure;

/// <summary>Where Redis and Temporal come from (setting <c>Infrastructure:Mode</c>).</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, local processes otherwise.</summary>
    Auto,

    /// <summary>Redis and the Temporal dev server as containers.</summary>
    Containers,

    /// <summary>Local <c>redis-server</c>, and the <c>temporal</c> CLI if on PATH, else our emulator.</summary>
    Local,
}
