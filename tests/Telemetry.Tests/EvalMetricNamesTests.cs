using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Agentic.EvalService.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.Telemetry.Tests;

public class EvalMetricNamesTests
{
    [Fact]
    public void All_EvalMetricsCreated_EveryNamePublishedOnTheEvalMeter()
    {
        var published = new ConcurrentDictionary<string, string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MeterNames.EvalService)
                {
                    published[instrument.Name] = instrument.Meter.Name;
                }
            },
        };
        listener.Start();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();

        _ = new EvalMetrics(services.GetRequiredService<IMeterFactory>());

        var missing = EvalMetricNames.All.Where(name => !published.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"listed but not created by the eval service: {string.Join(", ", missing)}");
    }
}
