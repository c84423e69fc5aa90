using Agentic.BatchService.Telemetry;

namespace Agentic.Telemetry.Tests;

public class BatchMetricNamesTests
{
    [Fact]
    public void All_BatchMetricsCreated_ListAndMeterAgreeOnTheBatchMeter()
    {
        var published = PublishedInstruments.Of(factory => new BatchMetrics(factory));

        PublishedInstruments.AssertSameAs(published, MeterNames.BatchService, BatchMetricNames.All);
    }
}
