using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Agentic.LlmGateway.Tests.Proxy;

/// <summary>
/// Records the credential and Host headers of every request the in-process simulated provider receives, i.e.
/// exactly what the gateway sent upstream.
/// </summary>
internal sealed class UpstreamHeaderCapture : IStartupFilter
{
    public ConcurrentQueue<string> Credentials { get; } = new();

    public ConcurrentQueue<string> Hosts { get; } = new();

    public ConcurrentQueue<string> RequestIds { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Path.StartsWithSegments("/simulated"))
            {
                Credentials.Enqueue($"Authorization={context.Request.Headers.Authorization}; x-api-key={context.Request.Headers["x-api-key"]}; OpenAI-Organization={context.Request.Headers["OpenAI-Organization"]}");
                Hosts.Enqueue(context.Request.Headers.Host.ToString());
                RequestIds.Enqueue(context.Request.Headers["x-request-id"].ToString());
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
