using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>Keeps the body of every chat completions request the gateway receives, for tests that check what callers send.</summary>
public sealed class GatewayRequestCapture : IStartupFilter
{
    public ConcurrentQueue<string> ChatRequests { get; } = new();

    public void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1/chat/completions", StringComparison.Ordinal))
            {
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
                ChatRequests.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
                context.Request.Body.Position = 0;
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
