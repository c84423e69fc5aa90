using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Temporalio.Exceptions;

namespace Agentic.WorkerDefaults.Llm;

/// <summary>
/// The one place that turns gateway answers into Temporal failures: 429 is retryable after exactly the
/// gateway's Retry-After; 400, 401, 403 and 404 will fail the same way again, so they are non-retryable;
/// 5xx, timeouts and broken connections are retryable.
/// </summary>
public static class LlmGatewayFailures
{
    public const string RateLimited = "LlmRateLimited";
    public const string BadRequest = "LlmBadRequest";
    public const string Unauthorized = "LlmUnauthorized";
    public const string ModelNotFound = "LlmModelNotFound";
    public const string UpstreamError = "LlmUpstreamError";

    private const int MaxDetail = 500;

    /// <summary>
    /// The failure for an unsuccessful status. <paramref name="detail"/> (the error body) is reduced to the
    /// provider's message, shortened and redacted; an <see cref="LlmGatewayError"/> rides along as the failure's
    /// first detail (read it back with <see cref="Describe"/>).
    /// </summary>
    public static ApplicationFailureException FromStatus(int status, string? detail, TimeSpan? retryAfter, string? secret = null)
    {
        var text = Shorten(Redact(PlainMessage(detail), secret));
        var message = string.Create(CultureInfo.InvariantCulture, $"gateway answered {status}: {text}");
        var (kind, nonRetryable) = status switch
        {
            (int)HttpStatusCode.TooManyRequests => (RateLimited, false),
            (int)HttpStatusCode.BadRequest => (BadRequest, true),
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => (Unauthorized, true),
            (int)HttpStatusCode.NotFound => (ModelNotFound, true),
            _ => (UpstreamError, false),
        };
        return new ApplicationFailureException(
            message,
            kind,
            nonRetryable,
            details: [new LlmGatewayError(kind, status, text)],
            // Only throttling waits the gateway's word; other retries follow the caller's retry policy.
            nextRetryDelay: kind == RateLimited ? retryAfter : null);
    }

    /// <summary>
    /// The kind, HTTP status and plain message of a gateway failure; any other failure gives its error type
    /// and message, without a status.
    /// </summary>
    public static LlmGatewayError Describe(ApplicationFailureException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Details.Count > 0)
        {
            try
            {
                if (failure.Details.ElementAt<LlmGatewayError>(0) is { } error)
                {
                    return error;
                }
            }
            catch (Exception e) when (e is InvalidCastException or InvalidOperationException or JsonException or ArgumentException)
            {
                // Details of another shape: describe it from its message.
            }
        }

        return new LlmGatewayError(failure.ErrorType ?? nameof(ApplicationFailureException), null, failure.Message);
    }

    /// <summary>
    /// The message inside an OpenAI-style error body (<c>{"error":{"message":...}}</c>), or the text itself
    /// when it is not one: records and logs then read as words, not escaped JSON.
    /// </summary>
    public static string PlainMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                var root = document.RootElement;
                var error = root.TryGetProperty("error", out var inner) ? inner : root;
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    return text.GetString()!;
                }

                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the text is the message.
            }
        }

        return trimmed;
    }

    /// <summary>The failure for <paramref name="response"/>, whose body has been read into <paramref name="body"/>.</summary>
    public static ApplicationFailureException FromResponse(HttpResponseMessage response, string? body, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        return FromStatus((int)response.StatusCode, body, RetryAfter(response.Headers), secret);
    }

    /// <summary>A call that got no answer in time, or whose connection broke: retryable.</summary>
    public static ApplicationFailureException Unreachable(Exception cause, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var message = cause is OperationCanceledException or TimeoutException
            ? "gateway call timed out"
            : $"gateway call failed: {Shorten(Redact(cause.Message, secret))}";
        return new ApplicationFailureException(message, UpstreamError, details: [new LlmGatewayError(UpstreamError, null, message)]);
    }

    /// <summary>How long to wait: <c>retry-after-ms</c> where sent (exact), else <c>Retry-After</c> (seconds or a date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return RetryAfter(name => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// <see cref="RetryAfter(HttpResponseHeaders)"/> for any header collection (the OpenAI SDK's responses too),
    /// given a lookup by name.
    /// </summary>
    public static TimeSpan? RetryAfter(Func<string, string?> header, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (double.TryParse(header("retry-after-ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var value = header("Retry-After");
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date - now
            : null;
    }

    private static string? Redact(string? text, string? secret) =>
        string.IsNullOrEmpty(text) || string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    private static string Shorten(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Length > MaxDetail ? text[..MaxDetail] : text;
}
