using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Agentic.LlmGateway.Auth;
using Agentic.LlmGateway.Configuration;
using Agentic.LlmGateway.RateLimiting;
using Agentic.LlmGateway.Requests;
using Agentic.LlmGateway.Routing;
using Agentic.LlmGateway.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// The gateway's request path: authenticate, read the body once, route by model, admit through the shared
/// limiter, forward with YARP's <see cref="IHttpForwarder"/> to one deployment at a time (retries with backoff
/// that honours Retry-After, then failover, skipping ejected deployments), and settle the reservation against
/// the provider's usage once the response is done (off the request path, see <see cref="SettlementCoalescer"/>).
/// </summary>
public sealed partial class LlmProxy(
    CallerAuthenticator authenticator,
    RouteTable routes,
    ITokenRateLimiter limiter,
    SettlementCoalescer settlements,
    ITokenEstimator estimator,
    IHttpForwarder forwarder,
    UpstreamClient upstream,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<LlmProxy> logger)
{
    public Task ChatCompletionsAsync(HttpContext context) => HandleAsync(context, LlmOperation.ChatCompletions);

    public Task EmbeddingsAsync(HttpContext context) => HandleAsync(context, LlmOperation.Embeddings);

    /// <summary>GET /v1/models: the gateway's public model names, nothing about providers or keys.</summary>
    public Task ModelsAsync(HttpContext context)
    {
        if (Authenticate(context) is null)
        {
            return Unauthorized(context);
        }

        return WriteJsonAsync(context, routes.Current.ModelListJson);
    }

    /// <summary>GET /v1/models/{id}: one model as in the list, or 404 in OpenAI's error shape.</summary>
    public Task ModelAsync(HttpContext context)
    {
        if (Authenticate(context) is null)
        {
            return Unauthorized(context);
        }

        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        if (!routes.Current.TryGetModelJson(id, out var body))
        {
            return ModelNotFound(context, id);
        }

        context.Features.Get<GatewayRequestFeature>()?.Model = routes.Current.Find(id)!.Name;
        return WriteJsonAsync(context, body);
    }

    private async Task HandleAsync(HttpContext context, LlmOperation operation)
    {
        var caller = Authenticate(context);
        if (caller is null)
        {
            await Unauthorized(context);
            return;
        }

        var snapshot = routes.Current;
        var settings = snapshot.Options;
        using var body = await RequestBody.ReadAsync(context.Request, settings.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"The request body exceeds {settings.MaxRequestBodyBytes} bytes.", "invalid_request_error", "request_too_large");
            return;
        }

        var request = LlmRequestParser.Parse(body.Memory.Span, operation, out var error);
        if (request is null)
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error!.Message, "invalid_request_error", "invalid_request", error.Param);
            return;
        }

        var route = snapshot.Find(request.Model);
        if (route is null)
        {
            await ModelNotFound(context, request.Model);
            return;
        }

        var feature = context.Features.Get<GatewayRequestFeature>();
        feature?.Model = route.Name;
        if (!route.Serves(operation))
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"The model '{route.Name}' does not serve {ModelJson.OperationName(operation)}; it serves {string.Join(" and ", route.Operations.Select(ModelJson.OperationName))} (GET /v1/models lists what each model serves).",
                "invalid_request_error", "unsupported_operation", "model");
            return;
        }

        var reserved = (long)estimator.EstimatePromptTokens(route.Name, request.Texts) + request.PreTokenized
            + (operation == LlmOperation.ChatCompletions ? request.MaxTokens ?? settings.DefaultMaxTokens : 0);
        var decision = await limiter.AcquireAsync(
            new RateLimitRequest(caller.Name, route.Name, caller.PriorityClass, (int)Math.Min(reserved, int.MaxValue)), context.RequestAborted);
        if (!decision.Allowed)
        {
            await RefuseAsync(context, caller, route, decision);
            return;
        }

        var call = new LlmCall(caller, route, request, operation);
        var forwarded = false;
        try
        {
            forwarded = await ForwardAsync(context, call, body.Memory, decision.Headers, settings.Resilience);
        }
        finally
        {
            if (decision.Reservation is { } reservation)
            {
                Settle(context, call, reservation, forwarded);
            }
        }

        var provider = call.Deployment?.ProviderName ?? GatewayMetrics.GatewayProvider;
        feature?.Provider = provider;
        if (call.Usage is { } usage)
        {
            metrics.Tokens(caller.Name, route.Name, provider, usage.PromptTokens, usage.CompletionTokens);
        }
    }

    private CallerIdentity? Authenticate(HttpContext context)
    {
        var caller = authenticator.Authenticate(context.Request);
        if (caller is not null)
        {
            context.Features.Get<GatewayRequestFeature>()?.Caller = caller.Name;
        }

        return caller;
    }

    private static Task ModelNotFound(HttpContext context, string model) =>
        OpenAiErrors.WriteAsync(context, StatusCodes.Status404NotFound,
            $"The model '{model}' does not exist or you do not have access to it.", "invalid_request_error", "model_not_found", "model");

    private static Task WriteJsonAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>Tries deployments in order; true when an upstream answer (success or a caller error) reached the caller.</summary>
    private async Task<bool> ForwardAsync(
        HttpContext context,
        LlmCall call,
        ReadOnlyMemory<byte> body,
        IReadOnlyDictionary<string, string> rateLimitHeaders,
        ResilienceOptions resilience)
    {
        var route = call.Route;
        var order = Order(route.Deployments);
        UpstreamFailure? last = null;
        Deployment? previous = null;
        foreach (var deployment in order)
        {
            if (previous is not null)
            {
                metrics.Failover(call.Caller.Name, route.Name, previous.ProviderName);
                LogFailover(logger, route.Name, previous, deployment);
            }

            previous = deployment;
            call.Deployment = deployment;
            var payload = RequestBodyRewriter.Rewrite(body, call.Request, deployment.UpstreamModel);
            var target = call.Operation == LlmOperation.ChatCompletions ? deployment.ChatCompletionsUrl : deployment.EmbeddingsUrl;
            for (var attempt = 1; attempt <= resilience.MaxAttemptsPerDeployment; attempt++)
            {
                if (attempt > 1)
                {
                    metrics.Retry(call.Caller.Name, route.Name, deployment.ProviderName);
                }

                var (failure, forwardedStatus) = await AttemptAsync(context, call, deployment, target, payload, rateLimitHeaders, attempt, resilience);
                if (failure is null)
                {
                    deployment.Health.ReportSuccess();
                    return forwardedStatus != 0;
                }

                last = failure;
                if (context.RequestAborted.IsCancellationRequested)
                {
                    return false;
                }

                if (deployment.Health.ReportFailure(time.GetUtcNow(), resilience.FailuresToEject, resilience.EjectionDuration))
                {
                    LogEjected(logger, deployment, resilience.EjectionDuration, failure.Kind);
                }

                if (!failure.RetrySameDeployment || attempt == resilience.MaxAttemptsPerDeployment)
                {
                    break;
                }

                var delay = Backoff(resilience.BaseDelay, attempt, failure.RetryAfter);
                if (delay > resilience.MaxRetryDelay)
                {
                    break;
                }

                await Task.Delay(delay, time, context.RequestAborted);
            }
        }

        await FailAsync(context, call, last, rateLimitHeaders);
        return false;
    }

    private async Task<(UpstreamFailure? Failure, int ForwardedStatus)> AttemptAsync(
        HttpContext context,
        LlmCall call,
        Deployment deployment,
        Uri target,
        ReadOnlyMemory<byte> payload,
        IReadOnlyDictionary<string, string> rateLimitHeaders,
        int attempt,
        ResilienceOptions resilience)
    {
        var request = context.Request;
        request.Body = BodyStream(payload);
        request.ContentLength = payload.Length;
        request.Headers.Remove("Transfer-Encoding");

        var isChat = call.Operation == LlmOperation.ChatCompletions;
        using var activity = GatewayTelemetry.ActivitySource.StartActivity(isChat ? call.Route.ChatSpanName : call.Route.EmbeddingsSpanName, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("gen_ai.operation.name", isChat ? "chat" : "embeddings");
            activity.SetTag("gen_ai.request.model", deployment.UpstreamModel);
            activity.SetTag("gen_ai.provider.name", deployment.Kind.ToString());
            activity.SetTag("llm_gateway.model", call.Route.Name);
            activity.SetTag("llm_gateway.caller", call.Caller.Name);
            activity.SetTag("llm_gateway.provider", deployment.ProviderName);
            activity.SetTag("llm_gateway.attempt", attempt);
        }

        var transformer = new UpstreamTransformer(deployment, target, call, rateLimitHeaders, resilience.UpstreamTimeout, context.RequestAborted);
        // A stream's silences are timed by its relay, which can still send the caller an error event; the
        // forwarder's timer (whose expiry would cancel that write too) only backs it up.
        var config = call.Request.Stream ? StreamForwarderConfig(resilience.UpstreamTimeout) : new ForwarderRequestConfig { ActivityTimeout = resilience.UpstreamTimeout };
        var error = await forwarder.SendAsync(context, deployment.BaseUrl.AbsoluteUri, upstream.Invoker, config, transformer);

        UpstreamFailure? failure = null;
        if (transformer.Failure is { } held)
        {
            failure = held;
        }
        else if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            // Nothing reached the caller yet (not even the headers of an answer that then broke): safe to try again.
            failure = new UpstreamFailure(
                error is ForwarderError.RequestTimedOut ? UpstreamFailureKind.Timeout : UpstreamFailureKind.Unreachable,
                context.Response.StatusCode,
                null);
        }
        else if (error is not ForwarderError.None and not ForwarderError.RequestCanceled and not ForwarderError.RequestBodyCanceled and not ForwarderError.ResponseBodyCanceled)
        {
            // Broken after the caller had bytes: nothing to retry; the forwarder has already aborted the response.
            LogBrokenResponse(logger, call.Route.Name, deployment, error);
        }

        if (failure is not null && !context.Response.HasStarted)
        {
            // Whatever the forwarder put on the response for this attempt must not reach the caller.
            context.Response.Clear();
        }

        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", failure?.StatusCode ?? transformer.ForwardedStatus);
            if (failure is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, failure.Kind.ToString());
            }
            else if (call.Usage is { } usage)
            {
                activity.SetTag("gen_ai.usage.input_tokens", usage.PromptTokens);
                activity.SetTag("gen_ai.usage.output_tokens", usage.CompletionTokens);
            }
        }

        if (failure is not null)
        {
            LogAttemptFailed(logger, call.Route.Name, deployment, attempt, failure.Kind, failure.StatusCode);
        }

        return (failure, failure is null ? transformer.ForwardedStatus : 0);
    }

    /// <summary>No deployment answered: the caller gets the gateway's own error, with the provider's Retry-After for 429s.</summary>
    private async Task FailAsync(HttpContext context, LlmCall call, UpstreamFailure? failure, IReadOnlyDictionary<string, string> rateLimitHeaders)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        foreach (var (name, value) in rateLimitHeaders)
        {
            context.Response.Headers[name] = value;
        }

        if (failure?.Kind == UpstreamFailureKind.RateLimited)
        {
            LogUpstreamRateLimited(logger, call.Route.Name);
        }
        else
        {
            LogExhausted(logger, call.Route.Name, failure?.Kind, failure?.StatusCode ?? 0);
        }

        switch (failure?.Kind)
        {
            case UpstreamFailureKind.RateLimited:
                var retryAfter = failure.RetryAfter ?? TimeSpan.FromSeconds(1);
                context.Response.Headers[RateLimitHeaders.RetryAfter] = RateLimitHeaders.FormatRetryAfterSeconds(retryAfter);
                context.Response.Headers[RateLimitHeaders.RetryAfterMs] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
                metrics.RateLimited(call.Caller.Name, call.Route.Name, call.Deployment?.ProviderName ?? GatewayMetrics.GatewayProvider, "upstream");
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                    $"The providers of '{call.Route.Name}' are rate limited; retry after {RateLimitHeaders.FormatDuration(retryAfter)}.", "rate_limit_error", "upstream_rate_limited");
                break;
            case UpstreamFailureKind.Timeout:
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status504GatewayTimeout,
                    $"No provider of '{call.Route.Name}' answered in time.", "server_error", "upstream_timeout");
                break;
            case UpstreamFailureKind.Unauthorized:
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status502BadGateway,
                    $"The gateway's credentials for '{call.Route.Name}' were refused by the provider.", "server_error", "upstream_unauthorized");
                break;
            default:
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status502BadGateway,
                    $"No provider of '{call.Route.Name}' could answer (last status {failure?.StatusCode ?? 0}).", "server_error", "upstream_error");
                break;
        }
    }

    /// <summary>
    /// Charges what the provider reported. Nothing reached a provider's model (all attempts failed, or a
    /// caller error): refund. Usage unknown (a broken stream, a provider that omits it): the reservation stands.
    /// </summary>
    private void Settle(HttpContext context, LlmCall call, RateLimitReservation reservation, bool forwarded)
    {
        int actual;
        if (call.Usage is { } usage)
        {
            actual = usage.Charged;
        }
        else if (!forwarded || context.Response.StatusCode is >= 400 and < 500)
        {
            actual = 0;
        }
        else
        {
            actual = reservation.ReservedTokens;
        }

        if (actual != reservation.ReservedTokens)
        {
            // Off the request path (an HTTP/1.1 connection reads its caller's next request only once this handler
            // returns) and merged with other settlements of the same limits.
            settlements.Settle(reservation, actual);
        }
    }

    private async Task RefuseAsync(HttpContext context, CallerIdentity caller, ModelRoute route, RateLimitDecision decision)
    {
        foreach (var (name, value) in decision.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (decision.Unavailable)
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                "The rate limiter is unavailable and this model's limit fails closed; retry shortly.", "server_error", "rate_limiter_unavailable");
            return;
        }

        metrics.RateLimited(caller.Name, route.Name, GatewayMetrics.GatewayProvider, "limiter");
        var dimension = decision.LimitedBy?.EndsWith(":tokens", StringComparison.Ordinal) == true ? "tokens" : "requests";
        await OpenAiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            $"Rate limit reached for {route.Name} ({decision.LimitedBy}) for caller {caller.Name}; retry after {RateLimitHeaders.FormatDuration(decision.RetryAfter)}.",
            dimension, "rate_limit_exceeded");
    }

    private static Task Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return OpenAiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "Incorrect or missing API key. Send 'Authorization: Bearer <key>' with a key issued for this gateway.", "invalid_request_error", "invalid_api_key");
    }

    /// <summary>Healthy deployments in configured order, then ejected ones (soonest back first) as a last resort.</summary>
    private List<Deployment> Order(IReadOnlyList<Deployment> deployments)
    {
        var now = time.GetUtcNow();
        var order = new List<Deployment>(deployments.Count);
        List<Deployment>? ejected = null;
        foreach (var deployment in deployments)
        {
            if (deployment.Health.IsEjected(now))
            {
                (ejected ??= []).Add(deployment);
            }
            else
            {
                order.Add(deployment);
            }
        }

        if (ejected is not null)
        {
            order.AddRange(ejected.OrderBy(d => d.Health.EjectedUntilTicks));
        }

        return order;
    }

    private static ForwarderRequestConfig StreamForwarderConfig(TimeSpan upstreamTimeout) =>
        new() { ActivityTimeout = upstreamTimeout + TimeSpan.FromSeconds(1) };

    private static MemoryStream BodyStream(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(payload.ToArray(), writable: false);

    private static TimeSpan Backoff(TimeSpan baseDelay, int attempt, TimeSpan? retryAfter)
    {
        var exponential = baseDelay * Math.Pow(2, attempt - 1) * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return retryAfter is { } asked && asked > exponential ? asked : exponential;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upstream attempt {Attempt} for {Model} at {Deployment} failed: {Kind} ({StatusCode}).")]
    private static partial void LogAttemptFailed(ILogger logger, string model, Deployment deployment, int attempt, UpstreamFailureKind kind, int statusCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Failing over {Model} from {From} to {To}.")]
    private static partial void LogFailover(ILogger logger, string model, Deployment from, Deployment to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Deployment} ejected for {Duration} after repeated failures (last: {Kind}).")]
    private static partial void LogEjected(ILogger logger, Deployment deployment, TimeSpan duration, UpstreamFailureKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every deployment of {Model} failed (last: {Kind}, status {StatusCode}).")]
    private static partial void LogExhausted(ILogger logger, string model, UpstreamFailureKind? kind, int statusCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Every deployment of {Model} is rate limited upstream; the caller gets 429.")]
    private static partial void LogUpstreamRateLimited(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Response for {Model} from {Deployment} broke after it had started: {Error}.")]
    private static partial void LogBrokenResponse(ILogger logger, string model, Deployment deployment, ForwarderError error);
}
