namespace Agentic.EvalService.Reports;

/// <summary>
/// The HTML reports: server-rendered Razor Pages under /reports (run report, suite trend, recent runs). Read-only;
/// every text from a run (inputs, outputs, judge reasons) is model or user text, so it is only ever rendered encoded,
/// and the pages forbid scripts through their Content-Security-Policy as well.
/// </summary>
public static class ReportExtensions
{
    public const string Path = "/reports";

    public static IServiceCollection AddEvalReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportQueries>();
        services.AddRazorPages()
            // Named explicitly: a host built by tests or benchmarks has another entry assembly.
            .AddApplicationPart(typeof(ReportExtensions).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapEvalReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        return endpoints;
    }
}
