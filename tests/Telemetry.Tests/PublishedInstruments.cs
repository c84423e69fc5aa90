using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.Telemetry.Tests;

/// <summary>
/// The instruments a service's metrics class creates, by name and meter: only those of its own meter factory,
/// so other tests' meters running beside it are not counted.
/// </summary>
public static class PublishedInstruments
{
    public static IReadOnlyDictionary<string, string> Of(Func<IMeterFactory, object> create)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var published = new ConcurrentDictionary<string, string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == factory)
                {
                    published[instrument.Name] = instrument.Meter.Name;
                }
            },
        };
        listener.Start();

        _ = create(factory);
        return published;
    }

    /// <summary>
    /// The list and the meter agree both ways: every listed name is created on the meter (a dashboard charting
    /// it shows data), and every instrument created is listed (nothing the service measures is out of the
    /// dashboards' and alarms' reach).
    /// </summary>
    public static void AssertSameAs(IReadOnlyDictionary<string, string> published, string meter, IEnumerable<string> listed)
    {
        var names = listed.ToList();
        var missing = names.Where(name => published.GetValueOrDefault(name) != meter).ToList();
        var unlisted = published.Keys.Where(name => !names.Contains(name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"listed but not created on {meter}: {string.Join(", ", missing)}");
        Assert.True(unlisted.Count == 0, $"created but not in the shared list: {string.Join(", ", unlisted)}");
    }
}
