using System.Collections.Concurrent;
using Agentic.EvalService.Options;
using Agentic.EvalService.Storage;
using Microsoft.Extensions.Options;

namespace Agentic.EvalService.Grpc;

/// <summary>
/// Suites as live turns look them up, kept in memory so a turn's budget is not spent on a database round trip and
/// YAML parsing. A numbered version never changes, so it is kept until evicted; "the latest version" is kept for
/// <see cref="EvalOptions.LatestSuiteCacheTtl"/>, and forgotten at once when this process registers a new version.
/// </summary>
public sealed class LiveSuiteCache(SuiteStore store, IOptions<EvalOptions> options)
{
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<(string Name, int Version), (StoredSuite Suite, DateTimeOffset Until)> _entries = new();

    public async Task<StoredSuite?> GetAsync(string name, int version, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (_entries.TryGetValue((name, version), out var entry) && entry.Until > now)
        {
            return entry.Suite;
        }

        var suite = await store.GetAsync(name, version, cancellationToken);
        if (suite is not null)
        {
            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }

            _entries[(name, version)] = (suite, version == 0 ? now + options.Value.LatestSuiteCacheTtl : DateTimeOffset.MaxValue);
        }

        return suite;
    }

    /// <summary>A new version of <paramref name="name"/> was registered: its latest version must be read again.</summary>
    public void Forget(string name) => _entries.TryRemove((name, 0), out _);
}
