using System.Diagnostics;
using System.Globalization;
using Agentic.LlmGateway.Auth;
using Agentic.LlmGateway.Configuration;
using Agentic.LlmGateway.Protocol;
using Agentic.LlmGateway.RateLimiting;
using Agentic.LlmGateway.Requests;
using Agentic.LlmGateway.Routing;
using Agentic.LlmGateway.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// The gateway's request path, top to bottom: read the body once, parse it, route by model, admit through the
/// shared limiter, forward (<see cref="UpstreamForwarder"/>: retries and failover), and settle the reservation
/// against the provider's usage once the response is done (off the request path, see <see cref="SettlementCoalescer"/>).
/// The caller is already authenticated (<see cref="CallerAuthenticationHandler"/>); each step that refuses writes
/// its OpenAI-shaped error and ends the request.
/// </summary>
internal sealed class LlmProxy(
    RouteTable routes,
    ITokenRateLimiter limiter,
    SettlementCoalescer settlements,
    ITokenEstimator estimator,
    UpstreamForwarder forwarder,
    GatewayMetrics metrics)
{
    public Task ChatCompletionsAsync(HttpContext context) => HandleAsync(context, LlmOperation.ChatCompletions);

    public Task EmbeddingsAsync(HttpContext context) => HandleAsync(context, LlmOperation.Embeddings);

    /// <summary>GET /v1/models: the gateway's public model names and what each serves, nothing about providers or keys.</summary>
    public Task ModelsAsync(HttpContext context) => WriteJsonAsync(context, routes.Current.ModelListJson);

    /// <summary>GET /v1/models/{id}: one model as in the list, or 404 in OpenAI's error shape.</summary>
    public Task ModelAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        var snapshot = routes.Current;
        if (!snapshot.TryGetModelJson(id, out var body))
        {
            return ModelNotFound(context, id);
        }

        context.Features.Get<GatewayRequestFeature>()?.Model = snapshot.Find(id)!.Name;
        return WriteJsonAsync(context, body);
    }

    private async Task HandleAsync(HttpContext context, LlmOperation operation)
    {
        var caller = context.Features.GetRequiredFeature<CallerIdentity>();
        var snapshot = routes.Current;
        var settings = snapshot.Options;
        using var body = await ReadBodyAsync(context, settings);
        if (body is null || await ParseAsync(context, body, operation) is not { } request || await RouteAsync(context, snapshot, request, operation) is not { } route)
        {
            return;
        }

        var tokens = Reserve(route, request, operation, settings);
        var admission = Stopwatch.GetTimestamp();
        var decision = await limiter.AcquireAsync(new RateLimitRequest(caller.Name, route.Name, caller.PriorityClass, tokens), context.RequestAborted);
        RecordAdmission(caller, route, decision, Stopwatch.GetElapsedTime(admission));
        if (!decision.Allowed)
        {
            await RefuseAsync(context, caller, route, decision);
            return;
        }

        var call = new LlmCall(caller, route, request, operation);
        var started = Stopwatch.GetTimestamp();
        var forwarded = false;
        try
        {
            forwarded = await forwarder.ForwardAsync(context, call, body.Memory, decision.Headers, settings.Resilience);
        }
        finally
        {
            if (decision.Reservation is { } reservation)
            {
                Settle(context, call, reservation, forwarded);
            }
        }

        Record(context, call, Stopwatch.GetElapsedTime(started));
    }

    // The steps below answer with ValueTask: on the answered path they complete without waiting (the body is usually
    // buffered already), and a Task<T> would be one more allocation per request for each of them.
    private static async ValueTask<RequestBody?> ReadBodyAsync(HttpContext context, GatewayOptions settings)
    {
        var body = await RequestBody.ReadAsync(context.Request, settings.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"The request body exceeds {settings.MaxRequestBodyBytes} bytes.", "invalid_request_error", "request_too_large");
        }

        return body;
    }

    private static async ValueTask<LlmRequest?> ParseAsync(HttpContext context, RequestBody body, LlmOperation operation)
    {
        var request = LlmRequestParser.Parse(body.Memory.Span, operation, out var error);
        if (request is null)
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error!.Message, "invalid_request_error", "invalid_request", error.Param);
        }

        return request;
    }

    /// <summary>The model's route, when the gateway serves that model for this operation.</summary>
    private static async ValueTask<ModelRoute?> RouteAsync(HttpContext context, RouteSnapshot snapshot, LlmRequest request, LlmOperation operation)
    {
        var route = snapshot.Find(request.Model);
        if (route is null)
        {
            await ModelNotFound(context, request.Model);
            return null;
        }

        context.Features.Get<GatewayRequestFeature>()?.Model = route.Name;
        if (!route.Serves(operation))
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"The model '{route.Name}' does not serve {ModelJson.OperationName(operation)}; it serves {string.Join(" and ", route.Operations.Select(ModelJson.OperationName))} (GET /v1/models lists what each model serves).",
                "invalid_request_error", "unsupported_operation", "model");
            return null;
        }

        return route;
    }

    /// <summary>The limiter's decision in <c>llm_gateway.admissions</c> and the time it took in <c>llm_gateway.queue.wait</c>.</summary>
    private void RecordAdmission(CallerIdentity caller, ModelRoute route, RateLimitDecision decision, TimeSpan wait)
    {
        var outcome = decision.Allowed ? "admitted" : decision.Unavailable ? "unavailable" : "refused";
        metrics.Admission(route.Name, caller.PriorityClass, outcome, decision.LimitedBy ?? "none", wait);
    }

    /// <summary>Tokens to reserve: the prompt as estimated plus, for chat, the most the answer may take.</summary>
    private int Reserve(ModelRoute route, LlmRequest request, LlmOperation operation, GatewayOptions settings)
    {
        var reserved = (long)estimator.EstimatePromptTokens(route.Name, request.Texts) + request.PreTokenized
            + (operation == LlmOperation.ChatCompletions ? request.MaxTokens ?? settings.DefaultMaxTokens : 0);
        return (int)Math.Min(reserved, int.MaxValue);
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

    /// <summary>
    /// Who answered, how long the operation took, the tokens reported and what they cost (the request itself is
    /// counted by <see cref="GatewayRequestMiddleware"/>).
    /// </summary>
    private void Record(HttpContext context, LlmCall call, TimeSpan elapsed)
    {
        var deployment = call.Deployment;
        var provider = deployment?.ProviderName ?? GatewayMetrics.GatewayProvider;
        context.Features.Get<GatewayRequestFeature>()?.Provider = provider;
        var operation = call.Operation == LlmOperation.ChatCompletions ? "chat" : "embeddings";
        var genAiProvider = deployment is null ? GatewayMetrics.GatewayProvider : GatewayMetrics.GenAiProviderName(deployment.Kind, deployment.ProviderName);
        var status = context.Response.StatusCode;
        var errorType = status >= 400 ? status.ToString(CultureInfo.InvariantCulture) : call.StreamInterrupted ? "stream_interrupted" : null;
        metrics.Operation(operation, call.Route.Name, genAiProvider, deployment?.UpstreamModel, errorType, elapsed);
        if (call.Usage is { } usage)
        {
            metrics.Tokens(call.Caller.Name, call.Route.Name, provider, usage.PromptTokens, usage.CompletionTokens);
            metrics.TokenUsage(operation, call.Route.Name, genAiProvider, deployment?.UpstreamModel, usage.PromptTokens, usage.CompletionTokens);
            if (call.Route.Price is { } price)
            {
                metrics.Cost(call.Caller.Name, call.Route.Name, provider, price.Cost(usage.PromptTokens, usage.CachedPromptTokens, usage.CompletionTokens));
            }
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

    private static Task ModelNotFound(HttpContext context, string model) =>
        OpenAiErrors.WriteAsync(context, StatusCodes.Status404NotFound,
            $"The model '{model}' does not exist or you do not have access to it.", "invalid_request_error", "model_not_found", "model");

    private static Task WriteJsonAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
