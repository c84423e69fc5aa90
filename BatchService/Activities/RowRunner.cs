using System.Globalization;
using System.Text;
using System.Text.Json;
using Agentic.BatchService.Input;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Telemetry;
using Agentic.BatchService.Workflows;
using Agentic.WorkerDefaults.Llm;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Runs one row to its outcome. Rate limiting (429) waits exactly the gateway's Retry-After, carried by the
/// client as <c>NextRetryDelay</c>, and retries the same row without counting against its retry limit:
/// throttling is the gateway pacing us, not the row failing. Waiting here, per row, keeps the batch's
/// other rows moving and loses no finished work, where failing the whole activity would stop every row in
/// flight and restart from the last checkpoint. Retryable errors back off and count against the limit;
/// non-retryable ones, malformed rows and unparseable structured output fail the row at once.
/// </summary>
public sealed class RowRunner(IRowModel model, BatchTaskSpec task, PromptTemplate template, BatchOptions options, BatchMetrics? metrics = null)
{
    public const string RateLimitedError = LlmGatewayFailures.RateLimited;

    /// <summary>Chat formatting overhead added to the byte count when reserving tokens.</summary>
    private const int ReserveOverhead = 16;

    /// <summary>Completion reservation when the task sets no max_tokens.</summary>
    private const int DefaultCompletionReserve = 1024;

    public async Task<RowOutcome> RunAsync(InputRow row, TokenAllowance allowance, CancellationToken cancellationToken)
    {
        if (row.Error is not null)
        {
            return RowOutcome.Failed(row.Index, row.Line, row.RowId, 0, row.Error);
        }

        var prompt = template.Render(row.Fields!, out var missing);
        if (prompt is null)
        {
            return RowOutcome.Failed(row.Index, row.Line, row.RowId, 0, new RowError(
                RowError.MissingField, $"the row has no field '{missing}' for the prompt template", Line: row.Line));
        }

        var estimate = EstimateTokens(prompt);
        if (!allowance.TryReserve(estimate))
        {
            return RowOutcome.Skipped(row.Index, row.Line, row.RowId, "skipped: token budget exhausted");
        }

        var spent = 0L;
        try
        {
            var outcome = await CallWithRetriesAsync(row, prompt, cancellationToken);
            spent = outcome.PromptTokens + outcome.CompletionTokens;
            return outcome;
        }
        finally
        {
            allowance.Settle(estimate, spent);
        }
    }

    /// <summary>
    /// An upper bound of a call's tokens: a token is at least one byte of text, plus the completion cap.
    /// </summary>
    public long EstimateTokens(string prompt)
    {
        var promptBytes = Encoding.UTF8.GetByteCount(prompt) + Encoding.UTF8.GetByteCount(task.SystemPrompt ?? string.Empty);
        var completion = task.Kind == BatchTaskKind.Embedding ? 0 : task.MaxTokens ?? DefaultCompletionReserve;
        return promptBytes + ReserveOverhead + completion;
    }

    private async Task<RowOutcome> CallWithRetriesAsync(InputRow row, string prompt, CancellationToken cancellationToken)
    {
        var calls = 0;
        var failedAttempts = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            calls++;
            RowError error;
            try
            {
                var result = await model.CallAsync(task, prompt, cancellationToken);
                return Succeeded(row, result, calls);
            }
            catch (ApplicationFailureException e) when (e.ErrorType == RateLimitedError)
            {
                metrics?.RowRetried(task.Model, RateLimitedError);
                await Task.Delay(e.NextRetryDelay ?? options.RateLimitFallbackDelay, cancellationToken);
                continue;
            }
            catch (ApplicationFailureException e) when (e.NonRetryable)
            {
                return RowOutcome.Failed(row.Index, row.Line, row.RowId, calls, ToRowError(e));
            }
            catch (ApplicationFailureException e)
            {
                error = ToRowError(e);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any transport failure is a retryable row error, never an activity crash.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = new RowError(RowError.TransportError, $"{e.GetType().Name}: {e.Message}");
            }

            failedAttempts++;
            if (failedAttempts > task.RowRetryLimit)
            {
                return RowOutcome.Failed(row.Index, row.Line, row.RowId, calls, error with
                {
                    Message = string.Create(CultureInfo.InvariantCulture, $"gave up after {failedAttempts} failed attempts: {error.Message}"),
                });
            }

            metrics?.RowRetried(task.Model, error.Kind);
            var backoff = options.RowRetryDelay * Math.Pow(2, failedAttempts - 1);
            await Task.Delay(backoff, cancellationToken);
        }
    }

    private static RowError ToRowError(ApplicationFailureException failure)
    {
        var described = LlmGatewayFailures.Describe(failure);
        return new RowError(described.Kind, described.Message, described.HttpStatus);
    }

    private RowOutcome Succeeded(InputRow row, RowModelResult result, int calls)
    {
        if (task.Kind == BatchTaskKind.Embedding)
        {
            return new RowOutcome(row.Index, row.Line, row.RowId, RowStatus.Succeeded, null, null, result.Embedding ?? [],
                result.PromptTokens, result.CompletionTokens, calls, null);
        }

        if (string.IsNullOrEmpty(task.JsonSchema))
        {
            return new RowOutcome(row.Index, row.Line, row.RowId, RowStatus.Succeeded, result.Text ?? string.Empty, null, null,
                result.PromptTokens, result.CompletionTokens, calls, null);
        }

        try
        {
            using var document = JsonDocument.Parse(result.Text ?? string.Empty);
            return new RowOutcome(row.Index, row.Line, row.RowId, RowStatus.Succeeded, null, document.RootElement.GetRawText(), null,
                result.PromptTokens, result.CompletionTokens, calls, null);
        }
        catch (JsonException e)
        {
            return RowOutcome.Failed(row.Index, row.Line, row.RowId, calls,
                new RowError(RowError.InvalidModelOutput, $"the model's answer is not valid JSON: {e.Message}"),
                result.PromptTokens, result.CompletionTokens);
        }
    }
}
