using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Client;

namespace Agentic.WorkerDefaults.Temporal;

/// <summary>
/// Holds a Temporal worker back until Temporal answers, so a service that starts before Temporal (or
/// loses it during start-up) keeps retrying with backoff instead of crashing its host; once connected it
/// runs the worker and surfaces the worker's failure to the host like any background service.
/// </summary>
public sealed partial class GatedTemporalWorker(
    string taskQueue,
    IHostedService worker,
    ITemporalClient client,
    TemporalWorkerHealth health,
    IOptions<TemporalOptions> options,
    TimeProvider time,
    ILogger<GatedTemporalWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private int _workerStarted;
    private volatile bool _stopping;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        health.Set(taskQueue, TemporalWorkerState.WaitingForTemporal);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The inner worker is stopped before this service's stopping token is cancelled, so its cancellation must
        // read as the shutdown it is, not as a worker failure.
        _stopping = true;
        if (Interlocked.Exchange(ref _workerStarted, 0) == 1)
        {
            await worker.StopAsync(cancellationToken);
        }

        await base.StopAsync(cancellationToken);
        health.Set(taskQueue, TemporalWorkerState.Stopped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var address = options.Value.Address;
        await ConnectAsync(address, stoppingToken);

        Interlocked.Exchange(ref _workerStarted, 1);
        await worker.StartAsync(stoppingToken);
        health.Set(taskQueue, TemporalWorkerState.Running);
        LogWorkerStarted(taskQueue, address, options.Value.Namespace);

        if (worker is BackgroundService { ExecuteTask: { } execution })
        {
            try
            {
                await execution;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !(_stopping || stoppingToken.IsCancellationRequested))
            {
                health.Set(taskQueue, TemporalWorkerState.Faulted);
                LogWorkerFailed(exception, taskQueue);
                throw;
            }
        }
    }

    private async Task ConnectAsync(string? address, CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        var started = time.GetUtcNow();
        var late = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The client is lazy: a failed connect is retried by the next call.
                await client.Connection.ConnectAsync().WaitAsync(stoppingToken);
                LogConnected(address, attempt);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Waiting is how every cold start begins; it becomes a problem only past the deadline.
                var waited = time.GetUtcNow() - started;
                if (waited < options.Value.StartupDeadline)
                {
                    LogWaiting(address, taskQueue, attempt, delay.TotalSeconds, exception.Message);
                }
                else if (!late)
                {
                    late = true;
                    LogDeadlinePassed(address, waited.TotalSeconds, taskQueue, exception.Message);
                }
                else
                {
                    LogStillWaiting(address, taskQueue, attempt, delay.TotalSeconds, exception.Message);
                }
            }

            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Temporal at {Address} does not answer yet (attempt {Attempt}); worker for {TaskQueue} retries in {DelaySeconds:F2} s: {Reason}")]
    private partial void LogWaiting(string? address, string taskQueue, int attempt, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Temporal at {Address} has not answered for {WaitedSeconds:F0} s, past the start-up deadline; worker for {TaskQueue} keeps retrying: {Reason}")]
    private partial void LogDeadlinePassed(string? address, double waitedSeconds, string taskQueue, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Temporal at {Address} still does not answer (attempt {Attempt}); worker for {TaskQueue} retries in {DelaySeconds:F2} s: {Reason}")]
    private partial void LogStillWaiting(string? address, string taskQueue, int attempt, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Temporal at {Address} after {Attempt} attempt(s)")]
    private partial void LogConnected(string? address, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Temporal worker polling task queue {TaskQueue} at {Address}, namespace {Namespace}")]
    private partial void LogWorkerStarted(string taskQueue, string? address, string @namespace);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Temporal worker for task queue {TaskQueue} failed")]
    private partial void LogWorkerFailed(Exception exception, string taskQueue);
}
