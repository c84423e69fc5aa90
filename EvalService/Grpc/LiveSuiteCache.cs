using System.Collections.Concurrent;
using Agentic.EvalService.Options;
using Agentic.EvalService.Storage;
using Microsoft.Extensions.Options;

namespace Agentic.EvalService.Grpc;

/// <summary>
/// Suites as live turns look them up, kept in memory so a turn's budget is not spent on a database round trip and
/// YAML parsing. A numbered version never changes, so it is kept until evicted; "the latest version" is kept for
/// <see cref="EvalOptions.LatestSuiteCacheTtl"/> (then served while one lookup refreshes it), and forgotten at once when
/// this process registers a new version.
/// </summary>
public sealed class LiveSuiteCache(SuiteStore store, IOptions<EvalOptions> options)
{
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<(string Name, int Version), (StoredSuite Suite, DateTimeOffset Until)> _entries = new();
    private readonly ConcurrentDictionary<(string Name, int Version), byte> _refreshing = new();

    public async Task<StoredSuite?> GetAsync(string name, int version, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue((name, version), out var entry))
        {
            // An expired "latest" is still served while one lookup refreshes it: a turn never waits for the database
            // once its suite has been seen, and many turns at once do not all ask it together.
            if (entry.Until <= DateTimeOffset.UtcNow && _refreshing.TryAdd((name, version), 0))
            {
                _ = RefreshAsync(name, version);
            }

            return entry.Suite;
        }

        return await LoadAsync(name, version, cancellationToken);
    }

    private async Task<StoredSuite?> LoadAsync(string name, int version, CancellationToken cancellationToken)
    {
        var suite = await store.GetAsync(name, version, cancellationToken);
        if (suite is not null)
        {
            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }

            _entries[(name, version)] = (suite, version == 0 ? DateTimeOffset.UtcNow + options.Value.LatestSuiteCacheTtl : DateTimeOffset.MaxValue);
        }

        return suite;
    }

    private async Task RefreshAsync(string name, int version)
    {
        try
        {
            if (await LoadAsync(name, version, CancellationToken.None) is null)
            {
                _entries.TryRemove((name, version), out _);
            }
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or DatabaseNotConfiguredException or TimeoutException)
        {
            // The cached version keeps serving; the next turn after the TTL tries again.
        }
        finally
        {
            _refreshing.TryRemove((name, version), out _);
        }
    }

    /// <summary>A new version of <paramref name="name"/> was registered: its latest version must be read again.</summary>
    public void Forget(string name) => _entries.TryRemove((name, 0), out _);
}
