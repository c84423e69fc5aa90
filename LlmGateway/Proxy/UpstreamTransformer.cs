using System.Globalization;
using System.Net.Http.Headers;
using Agentic.LlmGateway.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// Shapes one upstream attempt: the caller's credentials and encodings out, the provider's key and headers
/// in; on the way back, a retryable answer is held (not copied) so the gateway can try again, the provider's
/// own rate-limit and account headers are replaced by the gateway's, and the body is inspected for usage.
/// </summary>
internal sealed class UpstreamTransformer(
    Deployment deployment,
    Uri target,
    LlmCall call,
    IReadOnlyDictionary<string, string> rateLimitHeaders,
    TimeSpan streamIdleTimeout,
    CancellationToken requestAborted) : HttpTransformer
{
    // Credentials and account selectors the caller may have sent to the gateway: none is meant for the provider
    // (the provider's own come from configuration). Accept-Encoding goes too, so usage can be read from the body.
    private static readonly string[] CallerOnlyHeaders =
        ["Authorization", "x-api-key", "api-key", "x-goog-api-key", "Cookie", "Proxy-Authorization", "OpenAI-Organization", "OpenAI-Project", "Accept-Encoding"];

    // Provider answers that describe the provider's account, not the caller's limits.
    private static readonly string[] ProviderOnlyHeaders = ["openai-organization", "openai-project", "anthropic-organization-id", "Set-Cookie", "x-ratelimit-limit-requests", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "retry-after", "retry-after-ms"];

    /// <summary>The model's prices per million tokens, on every answer a provider gave (when configured).</summary>
    public const string PriceHeader = "x-llm-gateway-price";

    /// <summary>Set when the attempt failed before anything reached the caller.</summary>
    public UpstreamFailure? Failure { get; private set; }

    /// <summary>The upstream status the caller received (0 when none did).</summary>
    public int ForwardedStatus { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = target;
        // The caller's Host names the gateway; the provider's (and its TLS server name) comes from the deployment's URL.
        proxyRequest.Headers.Host = null;
        var headers = proxyRequest.Headers;
        foreach (var header in CallerOnlyHeaders)
        {
            headers.Remove(header);
        }

        // The gateway's id for this request, so one id finds it in the gateway's logs and (where the provider
        // logs it) upstream; a caller's own x-request-id is not passed on.
        headers.Remove(Requests.GatewayRequestMiddleware.RequestIdHeader);
        headers.TryAddWithoutValidation(Requests.GatewayRequestMiddleware.RequestIdHeader, httpContext.TraceIdentifier);

        if (deployment.AuthHeader is { } auth)
        {
            headers.TryAddWithoutValidation(auth.Key, auth.Value);
        }

        foreach (var (name, value) in deployment.Headers)
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            // Nothing came back; the forwarder's error says why (see LlmProxy).
            return false;
        }

        var status = (int)proxyResponse.StatusCode;
        var failure = status switch
        {
            429 => UpstreamFailureKind.RateLimited,
            408 or 500 or 502 or 503 or 504 or 529 => UpstreamFailureKind.ServerError,
            401 or 403 => UpstreamFailureKind.Unauthorized,
            _ => (UpstreamFailureKind?)null,
        };
        if (failure is { } kind)
        {
            Failure = new UpstreamFailure(kind, status, RetryAfter(proxyResponse));
            return false;
        }

        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        ForwardedStatus = status;
        var responseHeaders = httpContext.Response.Headers;
        foreach (var header in ProviderOnlyHeaders)
        {
            responseHeaders.Remove(header);
        }

        if (responseHeaders.Remove(Requests.GatewayRequestMiddleware.RequestIdHeader, out var upstreamId))
        {
            responseHeaders[Requests.GatewayRequestMiddleware.UpstreamRequestIdHeader] = upstreamId;
        }

        foreach (var (name, value) in rateLimitHeaders)
        {
            responseHeaders[name] = value;
        }

        if (call.Route.PriceHeader is { } price)
        {
            // The usage arrives in the body, after the headers: callers price it with this (USD per million tokens).
            responseHeaders[PriceHeader] = price;
        }

        if (status is >= 200 and < 300)
        {
            var isEventStream = string.Equals(proxyResponse.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);
            if (isEventStream)
            {
                // The relay may drop the usage chunk or add an error event: the length is no longer the provider's.
                responseHeaders.ContentLength = null;
                proxyResponse.Content = new InspectingContent(proxyResponse.Content, s => new SseRelayStream(s, call, streamIdleTimeout, requestAborted));
            }
            else
            {
                proxyResponse.Content = new InspectingContent(proxyResponse.Content, s => new UsageCaptureStream(s, call));
            }
        }

        return true;
    }

    /// <summary>retry-after-ms (OpenAI's, precise) first, then Retry-After (seconds or a date).</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return response.Headers.RetryAfter switch
        {
            RetryConditionHeaderValue { Delta: { } delta } => delta,
            RetryConditionHeaderValue { Date: { } date } => date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }
}
