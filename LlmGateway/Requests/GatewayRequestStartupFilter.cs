namespace Agentic.LlmGateway.Requests;

/// <summary>Puts <see cref="GatewayRequestMiddleware"/> first, so even authentication failures get an id and a count.</summary>
internal sealed class GatewayRequestStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<GatewayRequestMiddleware>();
        next(app);
    };
}
