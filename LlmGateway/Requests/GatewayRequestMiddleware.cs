using System.Diagnostics;
using Agentic.LlmGateway.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace Agentic.LlmGateway.Requests;

/// <summary>
/// Wraps every request to the OpenAI API (/v1): gives it an id (<c>x-request-id</c> on the answer, whatever
/// path produced it, and on the upstream call), a logging scope with that id, and one count in
/// <c>llm_gateway.requests</c> with its final status, whether the gateway or a provider answered.
/// </summary>
internal sealed partial class GatewayRequestMiddleware(RequestDelegate next, GatewayMetrics metrics, ILogger<GatewayRequestMiddleware> logger)
{
    public const string RequestIdHeader = "x-request-id";

    /// <summary>Where a provider's own request id goes (it names the upstream call in the provider's support tools).</summary>
    public const string UpstreamRequestIdHeader = "x-upstream-request-id";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Auth.CallerAuthenticationHandler.ApiPath, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var feature = new GatewayRequestFeature(NewId());
        context.Features.Set(feature);
        context.TraceIdentifier = feature.RequestId;
        // Set as the answer starts, so neither a cleared response (a failed attempt) nor a provider's own id replaces it.
        context.Response.OnStarting(static state =>
        {
            // The context itself as the state: a (response, id) tuple would be boxed on every request.
            var context = (HttpContext)state;
            context.Response.Headers[RequestIdHeader] = context.Features.GetRequiredFeature<GatewayRequestFeature>().RequestId;
            return Task.CompletedTask;
        }, context);

        using (logger.BeginScope(new RequestScope(feature.RequestId)))
        {
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
                metrics.Request(feature.Caller, feature.Model, feature.Provider, status, elapsed);
                LogRequest(logger, feature.RequestId, context.Request.Method, context.Request.Path, feature.Caller, feature.Model, status, elapsed.TotalMilliseconds);
            }
        }
    }

    /// <summary>
    /// "req_" and 128 random bits in hex. An id only has to be unique, not unguessable: the thread's own generator
    /// (<see cref="Random.Shared"/>) instead of <see cref="Guid.NewGuid"/>, which reads the system's entropy source
    /// on every call.
    /// </summary>
    private static string NewId()
    {
        Span<byte> bits = stackalloc byte[16];
        Random.Shared.NextBytes(bits);
        return string.Create(36, new Guid(bits), static (span, id) =>
        {
            "req_".CopyTo(span);
            id.TryFormat(span[4..], out _, "N");
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {RequestId} {Method} {Path} from {Caller} for {Model}: {StatusCode} in {ElapsedMs:F1} ms.")]
    private static partial void LogRequest(ILogger logger, string requestId, string method, PathString path, string caller, string model, int statusCode, double elapsedMs);

    /// <summary>The logging scope: one "RequestId" value that every log line of the request carries.</summary>
    private sealed class RequestScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => index == 0 ? new("GatewayRequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "GatewayRequestId:" + requestId;
    }
}
