using System.Text.RegularExpressions;
using Agentic.Batch.V1;
using Agentic.BatchService.Input;
using Agentic.BatchService.Options;
using Agentic.BatchService.Workflows;
using Grpc.Core;

namespace Agentic.BatchService.Grpc;

/// <summary>
/// Checks a StartBatch request and turns it into the job workflow's input. Every rejection is
/// INVALID_ARGUMENT naming the field, except a missing input file, which is NOT_FOUND. Paths must be
/// absolute: a relative one would land wherever the service happens to run.
/// </summary>
internal static partial class StartBatchValidator
{
    public static BatchJobInput Validate(StartBatchRequest request, BatchOptions options)
    {
        if (!JobIdPattern().IsMatch(request.JobId))
        {
            throw Invalid("job_id", "must be 1-128 characters of letters, digits, '.', '_' or '-'");
        }

        var input = request.Input ?? throw Invalid("input", "is required");
        var inputPath = ResolvePath(input.Location, "input.location");
        var format = input.Format switch
        {
            InputFormat.Jsonl => BatchInputFormat.Jsonl,
            InputFormat.Csv => BatchInputFormat.Csv,
            InputFormat.Parquet => BatchInputFormat.Parquet,
            _ => Path.GetExtension(inputPath).ToUpperInvariant() switch
            {
                ".JSONL" or ".NDJSON" => BatchInputFormat.Jsonl,
                ".CSV" => BatchInputFormat.Csv,
                ".PARQUET" => BatchInputFormat.Parquet,
                _ => throw Invalid("input.format", "is required (JSONL, CSV or PARQUET) when the file extension does not tell"),
            },
        };
        if (input.Columns.Count > 0 && format != BatchInputFormat.Parquet)
        {
            throw Invalid("input.columns", "applies to Parquet input only");
        }

        if (input.Columns.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
        {
            throw Invalid("input.columns", "must not hold an empty column name");
        }

        var outputFormat = request.OutputFormat switch
        {
            OutputFormat.Unspecified or OutputFormat.Jsonl => BatchOutputFormat.Jsonl,
            OutputFormat.Parquet => BatchOutputFormat.Parquet,
            _ => throw Invalid("output_format", "must be OUTPUT_FORMAT_JSONL or OUTPUT_FORMAT_PARQUET"),
        };
        if (!string.IsNullOrEmpty(request.ResultSink) && !options.ResultSinks.ContainsKey(request.ResultSink))
        {
            throw Invalid("result_sink", $"'{request.ResultSink}' is not a sink this service is configured with"
                + (options.ResultSinks.Count == 0 ? " (it has none)" : $" (it has {string.Join(", ", options.ResultSinks.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))})"));
        }

        if (string.IsNullOrWhiteSpace(input.RowIdColumn))
        {
            throw Invalid("input.row_id_column", "is required");
        }

        var task = request.Task;
        var (kind, template, outputAttempts) = BatchTaskValidator.Validate(task, options);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw Invalid("model", "is required");
        }

        var batchSize = Defaulted(request.BatchSize, options.DefaultBatchSize, options.MaxBatchSize, "batch_size");
        var window = Defaulted(request.MaxConcurrentBatches, options.DefaultMaxConcurrentBatches, options.MaxConcurrentBatchesLimit, "max_concurrent_batches");
        var rowConcurrency = Defaulted(request.RowConcurrency, options.DefaultRowConcurrency, options.MaxRowConcurrency, "row_concurrency");
        var retryLimit = request.HasRowRetryLimit ? request.RowRetryLimit : options.DefaultRowRetryLimit;
        if (retryLimit is < 0 or > 100)
        {
            throw Invalid("row_retry_limit", "must be between 0 and 100");
        }

        if (request.HasTokenBudget && request.TokenBudget <= 0)
        {
            throw Invalid("token_budget", "must be positive when set");
        }

        var costBudget = CostBudget(request);

        var outputPath = ResolvePath(request.OutputLocation, "output_location");
        RequireAllowed(inputPath, "input.location", options);
        RequireAllowed(outputPath, "output_location", options);
        if (File.Exists(outputPath))
        {
            throw Invalid("output_location", "is a file; it must be a directory");
        }

        if (Directory.Exists(inputPath))
        {
            throw Invalid("input.location", $"'{inputPath}' is a directory; give the input file itself");
        }

        if (!File.Exists(inputPath))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"input.location: file '{inputPath}' not found"));
        }

        if (format == BatchInputFormat.Csv)
        {
            IReadOnlyList<string> header;
            try
            {
                header = InputRowParser.ReadCsvHeader(inputPath, input.RowIdColumn);
            }
            catch (InvalidDataException e)
            {
                throw Invalid("input.row_id_column", e.Message);
            }

            if (template.Fields.FirstOrDefault(field => !header.Contains(field, StringComparer.Ordinal)) is { } unknown)
            {
                throw Invalid("task.prompt_template", $"placeholder '{{{{{unknown}}}}}' is not a column of the CSV header (columns: {string.Join(", ", header.Select(h => $"'{h}'"))})");
            }
        }

        return new BatchJobInput(
            request.JobId,
            new BatchInputSpec(inputPath, format, input.RowIdColumn, input.AllowDuplicateRowIds, input.Columns.Count == 0 ? null : [.. input.Columns]),
            new BatchTaskSpec(
                kind,
                request.Model,
                task.PromptTemplate,
                string.IsNullOrEmpty(task.SystemPrompt) ? null : task.SystemPrompt,
                string.IsNullOrEmpty(task.JsonSchema) ? null : task.JsonSchema,
                task.HasMaxTokens ? task.MaxTokens : null,
                task.HasTemperature ? task.Temperature : null,
                task.HasSeed ? task.Seed : null,
                retryLimit,
                rowConcurrency,
                outputAttempts),
            batchSize,
            window,
            request.HasTokenBudget ? request.TokenBudget : null,
            outputPath,
            options.BatchesPerRun,
            options.PartHeartbeatTimeout,
            FailurePolicy: new BatchFailurePolicy(options.FailFastAllFailedRows, options.FailFastMaxFailedShare, options.FailFastMinRows),
            OutputFormat: outputFormat,
            ResultSink: string.IsNullOrEmpty(request.ResultSink) ? null : request.ResultSink,
            CostBudget: costBudget);
    }

    private static decimal? CostBudget(StartBatchRequest request)
    {
        if (!request.HasCostBudgetUsd)
        {
            return null;
        }

        if (!double.IsFinite(request.CostBudgetUsd) || request.CostBudgetUsd <= 0 || request.CostBudgetUsd > 1e12)
        {
            throw Invalid("cost_budget_usd", "must be a positive amount of US dollars when set");
        }

        return (decimal)request.CostBudgetUsd;
    }

    public static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    internal static void RequireAllowed(string path, string field, BatchOptions options)
    {
        if (options.AllowedRoots.Count == 0)
        {
            return;
        }

        var allowed = options.AllowedRoots
            .Select(root => Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar)
            .Any(root => path.StartsWith(root, StringComparison.Ordinal));
        if (!allowed)
        {
            throw Invalid(field, "is outside the directories this service may use");
        }
    }

    private static int Defaulted(int value, int fallback, int max, string field)
    {
        if (value == 0)
        {
            return fallback;
        }

        if (value < 0 || value > max)
        {
            throw Invalid(field, $"must be between 1 and {max} (0 takes the default)");
        }

        return value;
    }

    internal static string ResolvePath(string location, string field)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw Invalid(field, "is required");
        }

        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(location, UriKind.Absolute, out var file) && file.IsFile
                ? Path.GetFullPath(file.LocalPath)
                : throw Invalid(field, $"'{location}' is not a valid file:// URI");
        }

        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && !Path.IsPathRooted(location))
        {
            throw Invalid(field, $"URI scheme '{uri.Scheme}' is not supported; use an absolute path or a file:// URI");
        }

        if (!Path.IsPathFullyQualified(location))
        {
            throw Invalid(field, $"'{location}' is relative; give an absolute path (relative paths are refused, never resolved against the service's working directory)");
        }

        try
        {
            return Path.GetFullPath(location);
        }
        catch (ArgumentException e)
        {
            throw Invalid(field, e.Message);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex JobIdPattern();
}
