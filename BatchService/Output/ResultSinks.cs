using System.Collections.Concurrent;
using Agentic.BatchService.Options;
using Microsoft.Extensions.Options;

namespace Agentic.BatchService.Output;

/// <summary>
/// The configured PostgreSQL sinks by name (Batch:ResultSinks). The connection string is read from configuration
/// on the worker, so a job names a sink and never carries its secret; each sink's table is created once.
/// </summary>
public sealed class ResultSinks(IOptions<BatchOptions> options, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PostgresResultSink>>> _sinks = new(StringComparer.Ordinal);

    public async Task UpsertAsync(string name, string jobId, IReadOnlyList<RowOutcome> outcomes, CancellationToken cancellationToken)
    {
        var sink = await _sinks.GetOrAdd(name, key => new Lazy<Task<PostgresResultSink>>(() => OpenAsync(key))).Value;
        await sink.UpsertPartAsync(jobId, outcomes, cancellationToken);
    }

    private async Task<PostgresResultSink> OpenAsync(string name)
    {
        if (!options.Value.ResultSinks.TryGetValue(name, out var settings))
        {
            throw new InvalidOperationException($"result sink '{name}' is not configured (Batch:ResultSinks:{name})");
        }

        var connectionString = configuration.GetConnectionString(settings.ConnectionName)
            ?? throw new InvalidOperationException($"result sink '{name}': connection string '{settings.ConnectionName}' is not configured");
        var sink = new PostgresResultSink(connectionString, settings.Table);
        try
        {
            await sink.EnsureTableAsync(CancellationToken.None);
        }
        catch
        {
            // A failed start (database not up yet) is tried again by the next part, not remembered.
            _sinks.TryRemove(name, out _);
            throw;
        }

        return sink;
    }
}
