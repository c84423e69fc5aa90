using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Agentic.LlmGateway.Configuration;
using Agentic.LlmGateway.Protocol;
using Agentic.LlmGateway.RateLimiting;
using Agentic.LlmGateway.Routing;
using Agentic.LlmGateway.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// Sends one admitted call upstream with YARP's <see cref="IHttpForwarder"/>, one deployment at a time: retries
/// with backoff that honours Retry-After, then failover, skipping ejected deployments (tried last, soonest back
/// first). When none answers, the caller gets the gateway's own error (with the provider's Retry-After for 429s).
/// </summary>
internal sealed partial class UpstreamForwarder(
    IHttpForwarder forwarder,
    UpstreamClient upstream,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<UpstreamForwarder> logger)
{
    private ForwarderRequestConfig _answerConfig = new();
    private ForwarderRequestConfig _streamConfig = new();

    /// <summary>Tries deployments in order; true when an upstream answer (success or a caller error) reached the caller.</summary>
    public async Task<bool> ForwardAsync(
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
        for (var i = 0; i < order.Count; i++)
        {
            var deployment = order[i];
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
        var error = await forwarder.SendAsync(context, deployment.BaseUrl.AbsoluteUri, upstream.Invoker, RequestConfig(call.Request.Stream, resilience.UpstreamTimeout), transformer);

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
            metrics.UpstreamError(call.Route.Name, deployment.ProviderName, ErrorType(failure.Kind));
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
    /// Healthy deployments in configured order, then ejected ones (soonest back first) as a last resort. When none is
    /// ejected (nearly always) that is the configured list itself, with no copy per request.
    /// </summary>
    private IReadOnlyList<Deployment> Order(IReadOnlyList<Deployment> deployments)
    {
        var now = time.GetUtcNow();
        if (!AnyEjected(deployments, now))
        {
            return deployments;
        }

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

    private static bool AnyEjected(IReadOnlyList<Deployment> deployments, DateTimeOffset now)
    {
        for (var i = 0; i < deployments.Count; i++)
        {
            if (deployments[i].Health.IsEjected(now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The forwarder's settings for an attempt: kept while the timeout stays the same (it changes only with the
    /// configuration), not built per attempt. A stream's silences are timed by its relay, which can still send the
    /// caller an error event; the forwarder's timer (whose expiry would cancel that write too) only backs it up.
    /// </summary>
    private ForwarderRequestConfig RequestConfig(bool stream, TimeSpan upstreamTimeout)
    {
        var timeout = stream ? upstreamTimeout + TimeSpan.FromSeconds(1) : upstreamTimeout;
        ref var cached = ref stream ? ref _streamConfig : ref _answerConfig;
        var config = cached;
        if (config.ActivityTimeout != timeout)
        {
            // Racing requests may each build one; any of them is right.
            config = new ForwarderRequestConfig { ActivityTimeout = timeout };
            cached = config;
        }

        return config;
    }

    private static MemoryStream BodyStream(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(payload.ToArray(), writable: false);

    private static string ErrorType(UpstreamFailureKind kind) => kind switch
    {
        UpstreamFailureKind.RateLimited => "rate_limited",
        UpstreamFailureKind.ServerError => "server_error",
        UpstreamFailureKind.Timeout => "timeout",
        UpstreamFailureKind.Unreachable => "unreachable",
        UpstreamFailureKind.Unauthorized => "unauthorized",
        _ => kind.ToString(),
    };

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
