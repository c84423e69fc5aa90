using System.ClientModel;
using Temporalio.Exceptions;

namespace Agentic.WorkerDefaults.Llm;

/// <summary>Turns what the OpenAI SDK throws into the Temporal failures of <see cref="LlmGatewayFailures"/>.</summary>
internal static class LlmGatewayExceptionTranslator
{
    /// <summary>The failure to throw instead of <paramref name="exception"/>, or null to let it pass.</summary>
    /// <remarks>
    /// The SDK's exception is not attached as the cause: its text lists the response, and a failure's cause
    /// chain is stored in the workflow history.
    /// </remarks>
    public static ApplicationFailureException? Translate(Exception exception, string apiKey, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // The activity itself is being cancelled; Temporal must see that, not an LLM error.
            return null;
        }

        return exception switch
        {
            ApplicationFailureException => null,
            ClientResultException { Status: 0 } failure => LlmGatewayFailures.Unreachable(failure.InnerException ?? failure, apiKey),
            ClientResultException failure => FromResult(failure, apiKey),
            OperationCanceledException or TimeoutException or HttpRequestException or IOException => LlmGatewayFailures.Unreachable(exception, apiKey),
            _ => null,
        };
    }

    private static ApplicationFailureException FromResult(ClientResultException failure, string apiKey)
    {
        var response = failure.GetRawResponse();
        string? body = null;
        TimeSpan? retryAfter = null;
        if (response is not null)
        {
            retryAfter = LlmGatewayFailures.RetryAfter(
                name => response.Headers.TryGetValue(name, out var value) ? value : null, DateTimeOffset.UtcNow);
            try
            {
                body = response.Content.ToString();
            }
            catch (InvalidOperationException)
            {
                // The body was streamed, not buffered; the status says enough.
            }
        }

        return LlmGatewayFailures.FromStatus(failure.Status, body, retryAfter, apiKey);
    }
}
