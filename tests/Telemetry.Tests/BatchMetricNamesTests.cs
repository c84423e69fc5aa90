using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Agentic.BatchService.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.Telemetry.Tests;

public class BatchMetricNamesTests
{
    [Fact]
    public void All_BatchMetricsCreated_EveryNamePublishedOnTheBatchMeter()
    {
        var published = new ConcurrentDictionary<string, string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MeterNames.BatchService)
                {
                    published[instrument.Name] = instrument.Meter.Name;
                }
            },
        };
        listener.Start();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();

        _ = new BatchMetrics(services.GetRequiredService<IMeterFactory>());

        var missing = BatchMetricNames.All.Where(name => !published.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"listed but not created by the batch service: {string.Join(", ", missing)}");
    }
}
