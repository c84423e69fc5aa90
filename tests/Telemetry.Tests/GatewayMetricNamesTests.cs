using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Agentic.LlmGateway.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.Telemetry.Tests;

public class GatewayMetricNamesTests
{
    [Fact]
    public void All_GatewayMetricsCreated_EveryNamePublishedOnTheGatewayMeter()
    {
        var published = new ConcurrentDictionary<string, string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MeterNames.LlmGateway)
                {
                    published[instrument.Name] = instrument.Meter.Name;
                }
            },
        };
        listener.Start();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();

        _ = new GatewayMetrics(services.GetRequiredService<IMeterFactory>());

        var missing = GatewayMetricNames.All.Concat(GenAiMetricNames.All).Where(name => !published.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"listed but not created by the gateway: {string.Join(", ", missing)}");
    }
}
