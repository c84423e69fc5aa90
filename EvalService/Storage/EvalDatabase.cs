using Npgsql;

namespace Agentic.EvalService.Storage;

/// <summary>
/// The eval service's PostgreSQL database (connection string "evaldb"), or none: without one the service
/// still starts (the AppHost adds the database in its own change), and calls that need it are refused.
/// </summary>
public sealed class EvalDatabase(NpgsqlDataSource? dataSource) : IAsyncDisposable
{
    public const string ConnectionName = "evaldb";

    public bool Configured => dataSource is not null;

    public NpgsqlDataSource DataSource => dataSource
        ?? throw new DatabaseNotConfiguredException($"eval-service has no database: set ConnectionStrings:{ConnectionName}");

    public ValueTask DisposeAsync() => dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
