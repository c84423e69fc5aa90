using Agentic.LlmGateway.Telemetry;

namespace Agentic.Telemetry.Tests;

public class GatewayMetricNamesTests
{
    [Fact]
    public void All_GatewayMetricsCreated_ListAndMeterAgreeOnTheGatewayMeter()
    {
        var published = PublishedInstruments.Of(factory => new GatewayMetrics(factory));

        PublishedInstruments.AssertSameAs(published, MeterNames.LlmGateway, GatewayMetricNames.All.Concat(GenAiMetricNames.All));
    }
}
