using Agentic.LocalServers;

namespace Agentic.Testing;

/// <summary>The local PostgreSQL 15 binaries (no Docker engine answered).</summary>
internal sealed class PostgresProcessBackend(LocalPostgresProcess process) : IPostgresBackend
{
    public Task StartAsync(CancellationToken cancellationToken) => process.StartAsync(cancellationToken);

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
