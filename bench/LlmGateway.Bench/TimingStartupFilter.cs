using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Agentic.LlmGateway.Bench;

/// <summary>
/// Times every request the gateway's web server handles, outermost middleware to end of pipeline: the gateway's
/// own endpoints and, separately, the simulated provider it forwards to in the same server.
/// </summary>
public sealed class TimingStartupFilter(StageTimings timings) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var start = Stopwatch.GetTimestamp();
            var stage = context.Request.Path.StartsWithSegments("/simulated") ? "server: simulated provider" : "server: gateway endpoint (incl. upstream, settle)";
            context.Response.OnStarting(() =>
            {
                timings.Record(stage.Replace("server:", "first byte:", StringComparison.Ordinal), start);
                return Task.CompletedTask;
            });
            await nextMiddleware(context);
            timings.Record(stage, start);
        });
        next(app);
    };
}
