using System.Globalization;
using System.Text.Json;
using Agentic.LlmGateway.Protocol;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Simulation;

/// <summary>
/// What every simulated endpoint does before answering, as a provider would: check the key, read the JSON, parse
/// the request, know the model; then, once the handler knows its latency, inject the chosen fault or wait. Each
/// step writes its own OpenAI-shaped error and reports that the handler is done.
/// </summary>
internal sealed class SimulatedOpening(
    IOptions<SimulatedProviderOptions> options,
    SimulatedRecordings recordings,
    SimulatedChaos chaos,
    PreciseDelay delays,
    IHostApplicationLifetime lifetime)
{
    // The configured models and those the recorded answers name.
    private readonly HashSet<string> _models = new(
        (options.Value.Models.Count > 0 ? options.Value.Models : SimulatedProviderOptions.DefaultModels).Concat(recordings.Models), StringComparer.Ordinal);

    public IEnumerable<string> Models => _models;

    /// <summary>The parsed request, or null once an error has been written.</summary>
    public async Task<SimulatedCall<T>?> OpenAsync<T>(HttpContext context, SimulatedRequestParser<T> parse, Func<T, string> model)
        where T : class
    {
        if (!await AuthorizedAsync(context) || await ReadJsonAsync(context) is not { } document)
        {
            return null;
        }

        var request = parse(document.RootElement, out var error);
        if (request is null)
        {
            document.Dispose();
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error!.Message, "invalid_request_error", null, error.Param);
            return null;
        }

        if (!_models.Contains(model(request)))
        {
            document.Dispose();
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status404NotFound,
                $"The model '{model(request)}' does not exist or you do not have access to it.", "invalid_request_error", "model_not_found", "model");
            return null;
        }

        return new SimulatedCall<T>(document, request);
    }

    public static async Task<bool> AuthorizedAsync(HttpContext context)
    {
        // Like a provider: any non-empty bearer key is accepted, nothing about it is echoed back.
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.AsSpan(7).Trim().Length > 0)
        {
            return true;
        }

        await OpenAiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "You didn't provide an API key. Provide it in the Authorization header as 'Bearer YOUR_KEY'.", "invalid_request_error", "invalid_api_key");
        return false;
    }

    /// <summary>Applies the latency (drawn unless given) and the chosen fault; null when the response has been written (or abandoned).</summary>
    public async Task<SimulatedFault?> FaultAsync(HttpContext context, TimeSpan? latency = null)
    {
        if (!chaos.TryChoose(context.Request.Headers[SimulatedChaos.FaultHeader].ToString(), out var fault))
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"Unknown {SimulatedChaos.FaultHeader}: use rate-limit, server-error, timeout, drop-stream, slow-stream or none.",
                "invalid_request_error", null, SimulatedChaos.FaultHeader);
            return null;
        }

        switch (fault)
        {
            case SimulatedFault.RateLimit:
                // Providers refuse over-quota requests at once, before any model time.
                var retryAfter = options.Value.RetryAfter;
                context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["retry-after-ms"] = Math.Ceiling(retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                await OpenAiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests,
                    "Rate limit reached for requests (simulated). Please try again later.", "requests", "rate_limit_exceeded");
                return null;
            case SimulatedFault.Timeout:
                await HangAsync(context);
                return null;
        }

        var wait = latency ?? chaos.DrawLatency();
        if (wait > TimeSpan.Zero)
        {
            await delays.DelayAsync(wait, context.RequestAborted);
        }

        if (fault == SimulatedFault.ServerError)
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError,
                "The server had an error while processing your request (simulated).", "server_error", null);
            return null;
        }

        return fault;
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext context)
    {
        // Read whole first, so a syntax error can be placed by line and column in the caller's text.
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            await OpenAiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, JsonSyntaxError.Describe(bytes.Span, exception), "invalid_request_error", null);
            return null;
        }
    }

    private async Task HangAsync(HttpContext context)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up, or the host is stopping: drop the connection rather than answer.
            context.Abort();
        }
    }
}
