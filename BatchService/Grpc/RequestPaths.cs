using System.Text.RegularExpressions;
using Agentic.Batch.V1;
using Agentic.BatchService.Options;
using Agentic.BatchService.Workflows;
using Grpc.Core;

namespace Agentic.BatchService.Grpc;

/// <summary>The path, format and id rules every job request of this service follows (the batch request's rules).</summary>
internal static partial class RequestPaths
{
    public static void RequireJobId(string jobId)
    {
        if (!JobIdPattern().IsMatch(jobId))
        {
            throw StartBatchValidator.Invalid("job_id", "must be 1-128 characters of letters, digits, '.', '_' or '-'");
        }
    }

    /// <summary>The absolute path of <paramref name="location"/>, inside the allowed roots.</summary>
    public static string Resolve(string location, string field, BatchOptions options)
    {
        var path = StartBatchValidator.ResolvePath(location, field);
        StartBatchValidator.RequireAllowed(path, field, options);
        return path;
    }

    public static BatchInputFormat Format(InputFormat format, string path, string field) => format switch
    {
        InputFormat.Jsonl => BatchInputFormat.Jsonl,
        InputFormat.Csv => BatchInputFormat.Csv,
        _ => Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSONL" or ".NDJSON" => BatchInputFormat.Jsonl,
            ".CSV" => BatchInputFormat.Csv,
            _ => throw StartBatchValidator.Invalid(field, "is required (JSONL or CSV) when the file extension does not tell"),
        },
    };

    public static void RequireFile(string path, string field)
    {
        if (Directory.Exists(path))
        {
            throw StartBatchValidator.Invalid(field, $"'{path}' is a directory; give the input file itself");
        }

        if (!File.Exists(path))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"{field}: file '{path}' not found"));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex JobIdPattern();
}
