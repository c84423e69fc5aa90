using Agentic.Batch.V1;
using Agentic.BatchService.Input;
using Agentic.BatchService.Options;
using Agentic.BatchService.Structured;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Grpc;

/// <summary>The task part of a StartBatch request: kind, template, schema and generation settings; INVALID_ARGUMENT naming the field.</summary>
internal static class BatchTaskValidator
{
    private const int MaxOutputAttempts = 10;

    /// <summary>The checked task: its kind, parsed template and the answers a structured row may get.</summary>
    public static (BatchTaskKind Kind, PromptTemplate Template, int OutputAttempts) Validate(BatchTask? task, BatchOptions options)
    {
        if (task is null)
        {
            throw StartBatchValidator.Invalid("task", "is required");
        }

        var kind = task.Kind switch
        {
            TaskKind.Chat => BatchTaskKind.Chat,
            TaskKind.Embedding => BatchTaskKind.Embedding,
            TaskKind.Structured => BatchTaskKind.Structured,
            _ => throw StartBatchValidator.Invalid("task.kind", "must be TASK_KIND_CHAT, TASK_KIND_EMBEDDING or TASK_KIND_STRUCTURED"),
        };
        if (string.IsNullOrWhiteSpace(task.PromptTemplate))
        {
            throw StartBatchValidator.Invalid("task.prompt_template", "is required");
        }

        if (!PromptTemplate.TryParse(task.PromptTemplate, out var template, out var templateError))
        {
            throw StartBatchValidator.Invalid("task.prompt_template", templateError!);
        }

        if (string.IsNullOrEmpty(task.JsonSchema))
        {
            if (kind == BatchTaskKind.Structured)
            {
                throw StartBatchValidator.Invalid("task.json_schema", "is required for TASK_KIND_STRUCTURED");
            }
        }
        else if (kind == BatchTaskKind.Embedding)
        {
            throw StartBatchValidator.Invalid("task.json_schema", "applies to chat and structured tasks only");
        }
        else if (StructuredSchema.Problem(task.JsonSchema) is { } problem)
        {
            // The path inside the schema comes first, so the caller finds the keyword to fix.
            throw StartBatchValidator.Invalid("task.json_schema", problem);
        }

        if (task.HasOutputAttempts && kind != BatchTaskKind.Structured)
        {
            throw StartBatchValidator.Invalid("task.output_attempts", "applies to TASK_KIND_STRUCTURED only");
        }

        if (task.HasOutputAttempts && task.OutputAttempts is < 1 or > MaxOutputAttempts)
        {
            throw StartBatchValidator.Invalid("task.output_attempts", $"must be between 1 and {MaxOutputAttempts}");
        }

        if (task.HasMaxTokens && task.MaxTokens <= 0)
        {
            throw StartBatchValidator.Invalid("task.max_tokens", "must be positive");
        }

        if (task.HasTemperature && (task.Temperature < 0 || task.Temperature > 2 || double.IsNaN(task.Temperature)))
        {
            throw StartBatchValidator.Invalid("task.temperature", "must be between 0 and 2");
        }

        var attempts = kind != BatchTaskKind.Structured ? 1 : task.HasOutputAttempts ? task.OutputAttempts : options.DefaultOutputAttempts;
        return (kind, template!, attempts);
    }
}
