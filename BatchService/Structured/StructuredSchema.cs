using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace Agentic.BatchService.Structured;

/// <summary>
/// The JSON Schema of a structured task, checked with JsonSchema.Net (the library EvalService uses): once when
/// the job is requested (<see cref="Problem"/>, naming the path inside the schema) and against every answer
/// (<see cref="Check"/>, naming the path inside the answer).
/// </summary>
public sealed class StructuredSchema
{
    /// <summary>Validation errors reported per answer; more would only lengthen the feedback and the record.</summary>
    public const int MaxErrors = 5;

    private static readonly EvaluationOptions Hierarchy = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly JsonSchema _schema;

    private StructuredSchema(JsonSchema schema) => _schema = schema;

    /// <summary>Compiles a schema that <see cref="Problem"/> has accepted.</summary>
    public static StructuredSchema Compile(string schemaText) => new(JsonSchema.FromText(schemaText, PrivateRegistry()));

    /// <summary>
    /// What is wrong with the schema text, as "path: problem" with the JSON Pointer of the offending keyword inside
    /// the schema; null when it is a usable schema. Checked against the draft 2020-12 meta-schema, then built.
    /// </summary>
    public static string? Problem(string schemaText)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaText);
        }
        catch (JsonException e)
        {
            return string.Create(CultureInfo.InvariantCulture, $"(line {(e.LineNumber ?? 0) + 1}, byte {e.BytePositionInLine ?? 0}): not valid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "/: must be a JSON object";
            }

            var meta = MetaSchemas.Draft202012.Evaluate(document.RootElement, Hierarchy);
            if (!meta.IsValid)
            {
                return Errors(meta).FirstOrDefault() ?? "/: does not conform to the JSON Schema meta-schema";
            }

            try
            {
                _ = JsonSchema.Build(document.RootElement, PrivateRegistry());
                return null;
            }
            catch (Exception e) when (e is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException)
            {
                return $"/: {e.Message}";
            }
        }
    }

    /// <summary>The answer's violations as "path: problem" (JSON Pointer inside the answer), at most <see cref="MaxErrors"/>; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(JsonElement answer)
    {
        var results = _schema.Evaluate(answer, Hierarchy);
        if (results.IsValid)
        {
            return [];
        }

        var errors = Errors(results).Take(MaxErrors).ToList();
        return errors.Count == 0 ? ["/: does not conform to the schema"] : errors;
    }

    /// <summary>
    /// The errors of failed evaluations only (a failed branch of a passing anyOf is no error), deepest location first:
    /// the keyword to fix, not the object around it.
    /// </summary>
    private static IEnumerable<string> Errors(EvaluationResults results) =>
        Failures(results)
            .OrderByDescending(failure => failure.Location.Count(c => c == '/'))
            .Select(failure => $"{failure.Location}: {failure.Message}")
            .Distinct(StringComparer.Ordinal);

    private static IEnumerable<(string Location, string Message)> Failures(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        foreach (var error in node.Errors ?? new Dictionary<string, string>())
        {
            yield return (Pointer(node.InstanceLocation.ToString()), error.Value);
        }

        foreach (var child in node.Details ?? [])
        {
            foreach (var failure in Failures(child))
            {
                yield return failure;
            }
        }
    }

    private static string Pointer(string location) => string.IsNullOrEmpty(location) ? "/" : location;

    // Each job's schema stays out of the library's global registry, which would otherwise grow with every part.
    private static BuildOptions PrivateRegistry() => new() { SchemaRegistry = new SchemaRegistry() };
}
