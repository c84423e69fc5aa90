using System.Globalization;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Grpc;

/// <summary>
/// What differs between the request a job was started with and a new request under the same job id, named by
/// the request's fields. Service settings (batches per run, heartbeat timeout) are not part of a request.
/// </summary>
internal static class BatchRequestDifferences
{
    public static IReadOnlyList<string> Between(BatchJobInput existing, BatchJobInput requested)
    {
        var differences = new List<string>();
        Compare(differences, "input.location", existing.Input.Path, requested.Input.Path);
        Compare(differences, "input.format", existing.Input.Format, requested.Input.Format);
        Compare(differences, "input.row_id_column", existing.Input.RowIdColumn, requested.Input.RowIdColumn);
        Compare(differences, "input.allow_duplicate_row_ids", existing.Input.AllowDuplicateRowIds, requested.Input.AllowDuplicateRowIds);
        Compare(differences, "task.kind", existing.Task.Kind, requested.Task.Kind);
        Compare(differences, "task.prompt_template", existing.Task.PromptTemplate, requested.Task.PromptTemplate);
        Compare(differences, "task.system_prompt", existing.Task.SystemPrompt, requested.Task.SystemPrompt);
        Compare(differences, "task.json_schema", existing.Task.JsonSchema, requested.Task.JsonSchema);
        Compare(differences, "task.max_tokens", existing.Task.MaxTokens, requested.Task.MaxTokens);
        Compare(differences, "task.temperature", existing.Task.Temperature, requested.Task.Temperature);
        Compare(differences, "task.seed", existing.Task.Seed, requested.Task.Seed);
        Compare(differences, "task.output_attempts", existing.Task.OutputAttempts, requested.Task.OutputAttempts);
        Compare(differences, "model", existing.Task.Model, requested.Task.Model);
        Compare(differences, "batch_size", existing.BatchSize, requested.BatchSize);
        Compare(differences, "max_concurrent_batches", existing.MaxConcurrentBatches, requested.MaxConcurrentBatches);
        Compare(differences, "row_concurrency", existing.Task.RowConcurrency, requested.Task.RowConcurrency);
        Compare(differences, "row_retry_limit", existing.Task.RowRetryLimit, requested.Task.RowRetryLimit);
        Compare(differences, "token_budget", existing.TokenBudget, requested.TokenBudget);
        Compare(differences, "cost_budget_usd", existing.CostBudget, requested.CostBudget);
        Compare(differences, "output_location", existing.OutputLocation, requested.OutputLocation);
        Compare(differences, "input.columns", string.Join(",", existing.Input.Columns ?? []), string.Join(",", requested.Input.Columns ?? []));
        Compare(differences, "output_format", existing.OutputFormat, requested.OutputFormat);
        Compare(differences, "result_sink", existing.ResultSink, requested.ResultSink);
        return differences;
    }

    private static void Compare<T>(List<string> differences, string field, T existing, T requested)
    {
        if (!EqualityComparer<T>.Default.Equals(existing, requested))
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{field} (was {Show(existing)}, now {Show(requested)})"));
        }
    }

    private static string Show<T>(T value)
    {
        var text = value switch
        {
            null => "unset",
            string s => $"'{s}'",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "unset",
        };
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
