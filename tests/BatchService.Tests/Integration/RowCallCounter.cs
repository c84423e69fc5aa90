using System.Collections.Concurrent;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>Counts model calls per prompt across worker hosts, to prove which rows were (re)done.</summary>
public sealed class RowCallCounter
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Calls => _calls;

    public int Total => _calls.Values.Sum();

    public void Add(string prompt) => _calls.AddOrUpdate(prompt, 1, (_, n) => n + 1);
}
