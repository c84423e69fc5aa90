using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Agentic.Approval.V1;
using Agentic.ApprovalService.Telemetry;
using Agentic.ApprovalService.Tests.Integration;
using Agentic.Telemetry;
using Agentic.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.ApprovalService.Tests.Telemetry;

[Collection(ApprovalEnvironmentCollection.Name)]
public class ApprovalMetricsTests(ApprovalEnvironment environment)
{
    private const string StgCustomers = "model.jaffle_shop.stg_customers";

    [Fact]
    public void All_ApprovalMetricsCreated_EveryNamePublishedOnTheApprovalMeter()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton(TimeProvider.System).AddSingleton<ApprovalMetrics>().BuildServiceProvider();
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

        _ = services.GetRequiredService<ApprovalMetrics>();

        Assert.All(ApprovalMetricNames.All, name => Assert.Equal(MeterNames.ApprovalService, published.GetValueOrDefault(name)));
    }

    [Fact]
    public async Task Decided_EditThroughTheService_TimeToDecisionRecordedAndOpenProposalsObserved()
    {
        var service = environment.Service;
        var factory = service.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Name, double Value, string? Tag)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == MeterNames.ApprovalService)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tag(tags))));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tag(tags))));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tag(tags))));
        listener.Start();
        using var repo = new GitRepository();
        var project = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        await service.Client.ImportManifestAsync(new ImportManifestRequest { Project = project, ManifestPath = JaffleShop.ManifestV4, RepositoryPath = repo.Path });
        Proposal? proposal = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    proposal = await service.Client.GetProposalAsync(new GetProposalRequest { Project = project, UniqueId = StgCustomers });
                    return proposal.State == ProposalState.Open;
                }
                catch (RpcException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(90),
            "proposal open");
        var request = new DecideRequest { Project = project, UniqueId = StgCustomers, Reviewer = "ada", ExpectedVersion = proposal!.Version };
        request.Decisions.Add(new ItemDecision { Column = "customer_id", Kind = DecisionKind.Edit, Text = "The customer's key" });

        await service.Client.DecideAsync(request);

        var decided = measurements.Single(m => m.Name == ApprovalMetricNames.TimeToDecision && m.Tag == "decision=edit");
        Assert.InRange(decided.Value, 0.0, 600.0);
        Assert.Contains(measurements, m => m.Name == ApprovalMetricNames.Decisions && m.Tag == "decision=edit" && m.Value == 1);
        await service.Services.GetRequiredService<ApprovalMetricsRefresher>().RefreshAsync(CancellationToken.None);
        listener.RecordObservableInstruments();
        Assert.Contains(measurements, m => m.Name == ApprovalMetricNames.ProposalsOpen && m.Tag == "owner_group=data-engineering" && m.Value >= 1);
        Assert.Contains(measurements, m => m.Name == ApprovalMetricNames.OldestOpenAge && m.Tag == "owner_group=data-engineering" && m.Value > 0);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        tags.Length == 0 ? null : $"{tags[0].Key}={tags[0].Value}";
}
