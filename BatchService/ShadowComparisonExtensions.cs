using Agentic.BatchService.Activities;
using Agentic.BatchService.Grpc;
using Agentic.BatchService.Options;
using Agentic.BatchService.Workflows;
using Temporalio.Extensions.Hosting;

namespace Agentic.BatchService;

/// <summary>Composition of shadow comparisons, a job kind of the batch service with its own workflow and RPC.</summary>
public static class ShadowComparisonExtensions
{
    public static ITemporalWorkerServiceOptionsBuilder AddShadowComparison(this ITemporalWorkerServiceOptionsBuilder worker, IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ShadowOptions>()
            .Bind(builder.Configuration.GetSection(ShadowOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ShadowPlanner>();
        builder.Services.AddSingleton<ShadowChunkComparer>();
        builder.Services.AddSingleton<ShadowReportWriter>();
        builder.Services.AddSingleton<ShadowJobClient>();
        builder.Services.AddSingleton<ShadowPrices>();
        builder.Services.AddSingleton<ShadowJuryRecords>();
        return worker.AddWorkflow<ShadowComparisonWorkflow>().AddWorkflow<ShadowJuryWorkflow>().AddScopedActivities<ShadowActivities>();
    }
}
