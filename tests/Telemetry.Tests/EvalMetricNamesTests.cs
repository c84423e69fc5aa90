using Agentic.EvalService.Telemetry;

namespace Agentic.Telemetry.Tests;

public class EvalMetricNamesTests
{
    [Fact]
    public void All_EvalMetricsCreated_ListAndMeterAgreeOnTheEvalMeter()
    {
        var published = PublishedInstruments.Of(factory => new EvalMetrics(factory));

        PublishedInstruments.AssertSameAs(published, MeterNames.EvalService, EvalMetricNames.All);
    }
}
