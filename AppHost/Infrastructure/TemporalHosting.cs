namespace Agentic.AppHost.Infrastructure;

/// <summary>What serves Temporal's frontend to the workers.</summary>
public enum TemporalHosting
{
    /// <summary>The <c>temporalio/temporal</c> image running <c>server start-dev</c>.</summary>
    Container,

    /// <summary>The <c>temporal</c> CLI's dev server, found on PATH.</summary>
    Cli,

    /// <summary>The in-memory TemporalEmulator project.</summary>
    Emulator,
}
