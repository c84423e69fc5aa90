using System.Globalization;
using System.Text;
using System.Text.Json;
using Agentic.BatchService.Input;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Structured;
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
/// non-retryable ones and malformed rows fail the row at once. A structured row's refused answer is asked again
/// with its validation errors, a bounded number of times.
/// </summary>
public sealed class RowRunner(IRowModel model, BatchTaskSpec task, PromptTemplate template, BatchOptions options, BatchMetrics? metrics = null)
{
    public const string RateLimitedError = LlmGatewayFailures.RateLimited;

    /// <summary>Chat formatting overhead added to the byte count when reserving tokens.</summary>
    private const int ReserveOverhead = 16;

    /// <summary>Completion reservation when the task sets no max_tokens.</summary>
    private const int DefaultCompletionReserve = 1024;

    private readonly StructuredSchema? _schema = task.Kind == BatchTaskKind.Structured ? StructuredSchema.Compile(task.JsonSchema!) : null;

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
            var outcome = await AnswerAsync(row, prompt, cancellationToken);
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

    /// <summary>
    /// The row's answer. A structured row's answer that is not JSON conforming to the schema is sent back with its
    /// errors for another answer, up to the task's <see cref="BatchTaskSpec.OutputAttempts"/>; every answer's tokens count.
    /// </summary>
    private async Task<RowOutcome> AnswerAsync(InputRow row, string prompt, CancellationToken cancellationToken)
    {
        var feedback = new List<RowFeedback>();
        var calls = 0;
        long promptTokens = 0, completionTokens = 0;
        while (true)
        {
            var (result, error, used) = await CallWithRetriesAsync(prompt, feedback, cancellationToken);
            calls += used;
            if (result is null)
            {
                return RowOutcome.Failed(row.Index, row.Line, row.RowId, calls, error!, promptTokens, completionTokens);
            }

            promptTokens += result.PromptTokens;
            completionTokens += result.CompletionTokens;
            if (_schema is null)
            {
                return Succeeded(row, result, calls);
            }

            var text = result.Text ?? string.Empty;
            var problem = StructuredProblem(text, out var json);
            if (problem is null)
            {
                return new RowOutcome(row.Index, row.Line, row.RowId, RowStatus.Succeeded, null, json, null, promptTokens, completionTokens, calls, null);
            }

            feedback.Add(new RowFeedback(text, problem));
            if (feedback.Count >= Math.Max(1, task.OutputAttempts))
            {
                return RowOutcome.Failed(row.Index, row.Line, row.RowId, calls, new RowError(RowError.InvalidModelOutput,
                    string.Create(CultureInfo.InvariantCulture, $"no answer conformed to the JSON schema in {feedback.Count} attempts; the last: {problem}")),
                    promptTokens, completionTokens);
            }

            metrics?.RowRetried(task.Model, RowError.InvalidModelOutput);
        }
    }

    /// <summary>Why a structured answer is refused ("path: problem; ..."), or null with the parsed value.</summary>
    private string? StructuredProblem(string text, out string? json)
    {
        json = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return string.Create(CultureInfo.InvariantCulture, $"/: not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {e.BytePositionInLine ?? 0})");
        }

        using (document)
        {
            var errors = _schema!.Check(document.RootElement);
            if (errors.Count > 0)
            {
                return string.Join("; ", errors);
            }

            json = document.RootElement.GetRawText();
            return null;
        }
    }

    /// <summary>One answer, waiting out rate limits and retrying retryable errors; the result or the row's error, and the calls made.</summary>
    private async Task<(RowModelResult? Result, RowError? Error, int Calls)> CallWithRetriesAsync(
        string prompt, IReadOnlyList<RowFeedback> feedback, CancellationToken cancellationToken)
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
                return (await model.CallAsync(task, prompt, feedback, cancellationToken), null, calls);
            }
            catch (ApplicationFailureException e) when (e.ErrorType == RateLimitedError)
            {
                metrics?.RowRetried(task.Model, RateLimitedError);
                await Task.Delay(e.NextRetryDelay ?? options.RateLimitFallbackDelay, cancellationToken);
                continue;
            }
            catch (ApplicationFailureException e) when (e.NonRetryable)
            {
                return (null, ToRowError(e), calls);
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
                return (null, error with
                {
                    Message = string.Create(CultureInfo.InvariantCulture, $"gave up after {failedAttempts} failed attempts: {error.Message}"),
                }, calls);
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
