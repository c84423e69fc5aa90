using System.Text.Json;
using Agentic.EvalService.Suites;
using Json.Schema;

namespace Agentic.EvalService.Checks;

/// <summary>The answer is valid JSON and, when the suite gives one, conforms to a JSON Schema.</summary>
public static class JsonCheck
{
    private const int MaxErrors = 5;

    public static CheckOutcome Run(CheckSpec spec, string text)
    {
        ArgumentNullException.ThrowIfNull(spec);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            return CheckOutcome.Of(spec, false, 0, $"not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine})");
        }

        using (document)
        {
            if (spec.Schema is null)
            {
                return CheckOutcome.Of(spec, true, 1, "valid JSON");
            }

            var schema = JsonSchema.FromText(spec.Schema);
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid)
            {
                return CheckOutcome.Of(spec, true, 1, "valid JSON, conforms to the schema");
            }

            var errors = (results.Details ?? [])
                .Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"))
                .Take(MaxErrors)
                .ToArray();
            return CheckOutcome.Of(spec, false, 0.5, errors.Length == 0 ? ["does not conform to the schema"] : errors);
        }
    }
}
