using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.WorkerDefaults.Llm;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// One gateway call of a shadow comparison with the batch rows' retry rules: a 429 waits the gateway's
/// Retry-After and does not count; a retryable error backs off and counts against the row retry limit; a
/// non-retryable one gives up at once. Giving up returns the error for the rows the call was for.
/// </summary>
internal static class ShadowGatewayCall
{
    public static async Task<(T? Result, RowError? Error)> RunAsync<T>(
        Func<CancellationToken, Task<T>> call, BatchOptions options, CancellationToken cancellationToken)
        where T : class
    {
        var failures = 0;
        while (true)
        {
            RowError error;
            try
            {
                return (await call(cancellationToken), null);
            }
            catch (ApplicationFailureException e) when (e.ErrorType == LlmGatewayFailures.RateLimited)
            {
                await Task.Delay(e.NextRetryDelay ?? options.RateLimitFallbackDelay, cancellationToken);
                continue;
            }
            catch (ApplicationFailureException e)
            {
                var described = LlmGatewayFailures.Describe(e);
                error = new RowError(described.Kind, described.Message, described.HttpStatus);
                if (e.NonRetryable)
                {
                    return (null, error);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A transport failure fails the rows of this call, never the whole chunk.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = new RowError(RowError.TransportError, $"{e.GetType().Name}: {e.Message}");
            }

            if (++failures > options.DefaultRowRetryLimit)
            {
                return (null, error with { Message = $"gave up after {failures} failed attempts: {error.Message}" });
            }

            await Task.Delay(options.RowRetryDelay * Math.Pow(2, failures - 1), cancellationToken);
        }
    }
}
