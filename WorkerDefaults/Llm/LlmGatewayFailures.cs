using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
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

    /// <summary>The failure for an unsuccessful status; <paramref name="detail"/> (e.g. the error body) is shortened.</summary>
    public static ApplicationFailureException FromStatus(int status, string? detail, TimeSpan? retryAfter, string? secret = null)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"gateway answered {status}: {Shorten(Redact(detail, secret))}");
        return status switch
        {
            (int)HttpStatusCode.TooManyRequests => new ApplicationFailureException(message, RateLimited, nextRetryDelay: retryAfter),
            (int)HttpStatusCode.BadRequest => new ApplicationFailureException(message, BadRequest, nonRetryable: true),
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => new ApplicationFailureException(message, Unauthorized, nonRetryable: true),
            (int)HttpStatusCode.NotFound => new ApplicationFailureException(message, ModelNotFound, nonRetryable: true),
            _ => new ApplicationFailureException(message, UpstreamError),
        };
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
        return new ApplicationFailureException(message, UpstreamError);
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
