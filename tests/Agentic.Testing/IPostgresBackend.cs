namespace Agentic.Testing;

/// <summary>One way of running a PostgreSQL server on a fixed loopback port.</summary>
internal interface IPostgresBackend : IAsyncDisposable
{
    Task StartAsync(CancellationToken cancellationToken);
}
