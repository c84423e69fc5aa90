using Agentic.ApprovalService.ReadModel;

namespace Agentic.ApprovalService.Telemetry;

/// <summary>Reads the open-proposal figures from the read model now and then, so observing the gauges costs no query.</summary>
public sealed partial class ApprovalMetricsRefresher(ProposalStore store, ApprovalMetrics metrics, ILogger<ApprovalMetricsRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        metrics.SetOpen(await store.OpenStatsAsync(cancellationToken));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException)
            {
                // The gauges keep their last figures; the next tick tries again.
                LogRefreshFailed(exception);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval metrics could not be refreshed from the read model")]
    private partial void LogRefreshFailed(Exception exception);
}
