namespace Agentic.Emulator.Frontend;

/// <summary>
/// The emulator is embedded (tests, benchmarks, Program.cs): its owner decides when it stops, so the web
/// host must not take over Ctrl+C / SIGTERM as the default console lifetime would.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
