using Npgsql;

namespace Agentic.ApprovalService.Audit;

/// <summary>Brings the audit schema up to date before the service takes work.</summary>
internal sealed class AuditMigrationService(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => AuditSchema.MigrateAsync(dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
