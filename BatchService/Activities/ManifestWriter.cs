using System.Text.Json;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Writes <c>manifest.json</c>: status, counts, tokens, the parts written and the row ranges never
/// processed (a cancelled or budget-stopped job), so a reader knows exactly what the output covers.
/// </summary>
public sealed class ManifestWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<WriteManifestResult> WriteAsync(WriteManifestInput input, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(input.OutputLocation);
        var path = JobPaths.Manifest(input.OutputLocation);
        var temp = path + ".tmp";
        var written = 0;
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        await using (var json = new Utf8JsonWriter(stream, Indented))
        {
            var plan = input.Plan;
            json.WriteStartObject();
            json.WriteString("job_id", input.JobId);
            json.WriteString("status", StatusName(input.Status));
            if (input.Message is not null)
            {
                json.WriteString("message", input.Message);
            }

            json.WriteString("started_at", input.StartedAt);
            json.WriteString("finished_at", input.FinishedAt);
            json.WriteNumber("rows_total", plan?.TotalRows ?? 0);
            json.WriteNumber("rows_succeeded", input.Totals.Succeeded);
            json.WriteNumber("rows_failed", input.Totals.Failed);
            json.WriteNumber("rows_skipped", input.Totals.Skipped);
            var recorded = input.Totals.Succeeded + input.Totals.Failed + input.Totals.Skipped;
            json.WriteNumber("rows_not_processed", (plan?.TotalRows ?? 0) - recorded);
            json.WriteNumber("prompt_tokens", input.Totals.PromptTokens);
            json.WriteNumber("completion_tokens", input.Totals.CompletionTokens);
            if (input.CostUsd is { } cost)
            {
                json.WriteNumber("cost_usd", cost);
            }
            json.WriteNumber("batch_size", plan?.BatchSize ?? 0);
            json.WriteNumber("batches_total", plan?.PartCount ?? 0);

            json.WriteStartArray("parts");
            var missing = new List<(long First, long Count)>();
            for (var part = 0; plan is not null && part < plan.PartCount; part++)
            {
                var file = JobPaths.FinishedPartFile(input.OutputLocation, part);
                if (!File.Exists(file))
                {
                    missing.Add((plan.FirstRowOf(part), plan.RowCountOf(part)));
                    continue;
                }

                written++;
                json.WriteStartObject();
                json.WriteNumber("index", part);
                json.WriteString("path", Path.GetRelativePath(input.OutputLocation, file));
                json.WriteNumber("first_row", plan.FirstRowOf(part));
                json.WriteNumber("rows", plan.RowCountOf(part));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("not_processed");
            foreach (var (first, count) in missing)
            {
                json.WriteStartObject();
                json.WriteNumber("first_row", first);
                json.WriteNumber("rows", count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var error in input.Totals.Errors ?? [])
            {
                json.WriteStartObject();
                json.WriteString("kind", error.Kind);
                if (error.HttpStatus is { } status)
                {
                    json.WriteNumber("status", status);
                }

                json.WriteNumber("rows", error.Rows);
                json.WriteString("example", error.Example);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
        return new WriteManifestResult(path, written);
    }

    public static string StatusName(BatchJobStatus status) => status switch
    {
        BatchJobStatus.Completed => "completed",
        BatchJobStatus.Cancelled => "cancelled",
        BatchJobStatus.BudgetExhausted => "budget_exhausted",
        BatchJobStatus.Failed => "failed",
        BatchJobStatus.Planning => "planning",
        _ => "running",
    };
}
