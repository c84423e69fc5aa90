using Agentic.Batch.V1;
using Agentic.BatchService.Input;
using Agentic.BatchService.Options;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Grpc;

/// <summary>
/// Checks a StartShadowComparison request and turns it into the workflow's input. Every rejection is
/// INVALID_ARGUMENT naming the field (a missing input file is NOT_FOUND), with the batch request's path rules.
/// </summary>
internal static class ShadowRequestValidator
{
    public static ShadowComparisonInput Validate(StartShadowComparisonRequest request, ShadowOptions options, BatchOptions batchOptions)
    {
        RequestPaths.RequireJobId(request.JobId);
        var category = string.IsNullOrWhiteSpace(request.CategoryColumn) ? null : request.CategoryColumn;
        var baseline = Side(request.Baseline, "baseline", batchOptions);
        var candidate = Side(request.Candidate, "candidate", batchOptions);
        if (category is not null && baseline.Header is { } baselineHeader && candidate.Header is { } candidateHeader
            && !baselineHeader.Contains(category, StringComparer.Ordinal) && !candidateHeader.Contains(category, StringComparer.Ordinal))
        {
            throw StartBatchValidator.Invalid("category_column", $"'{category}' is a column of neither CSV header");
        }

        var threshold = request.SimilarityThreshold == 0 ? options.DefaultSimilarityThreshold : request.SimilarityThreshold;
        if (double.IsNaN(threshold) || threshold is < -1 or > 1)
        {
            throw StartBatchValidator.Invalid("similarity_threshold", "must be between -1 and 1 (0 takes the default)");
        }

        var anomaly = request.Anomaly ?? new ShadowAnomalyThresholds();
        var maxChanged = anomaly.HasMaxChangedShare ? anomaly.MaxChangedShare : options.DefaultMaxChangedShare;
        if (double.IsNaN(maxChanged) || maxChanged is < 0 or > 1)
        {
            throw StartBatchValidator.Invalid("anomaly.max_changed_share", "must be between 0 and 1");
        }

        if (anomaly.HasMinMeanSimilarity && (double.IsNaN(anomaly.MinMeanSimilarity) || anomaly.MinMeanSimilarity is < -1 or > 1))
        {
            throw StartBatchValidator.Invalid("anomaly.min_mean_similarity", "must be between -1 and 1");
        }

        if (anomaly.HasMinMeanSimilarity && string.IsNullOrWhiteSpace(request.EmbeddingModel))
        {
            throw StartBatchValidator.Invalid("anomaly.min_mean_similarity", "needs embedding_model: similarity is measured with embeddings");
        }

        var chunkSize = request.ChunkSize == 0 ? options.DefaultChunkSize : request.ChunkSize;
        if (chunkSize < 1 || chunkSize > options.MaxChunkSize)
        {
            throw StartBatchValidator.Invalid("chunk_size", $"must be between 1 and {options.MaxChunkSize} (0 takes the default)");
        }

        var jury = Jury(request, options);
        var output = RequestPaths.Resolve(request.OutputLocation, "output_location", batchOptions);
        if (File.Exists(output))
        {
            throw StartBatchValidator.Invalid("output_location", "is a file; it must be a directory");
        }

        return new ShadowComparisonInput(
            request.JobId,
            baseline.Spec,
            candidate.Spec,
            category,
            string.IsNullOrWhiteSpace(request.EmbeddingModel) ? null : request.EmbeddingModel,
            string.IsNullOrWhiteSpace(request.JudgeModel) ? null : request.JudgeModel,
            new ShadowThresholds(threshold, maxChanged, anomaly.HasMinMeanSimilarity ? anomaly.MinMeanSimilarity : null),
            output,
            chunkSize,
            options.MaxConcurrentChunks,
            options.ChunksPerRun,
            Jury: jury);
    }

    private static ShadowJurySpec? Jury(StartShadowComparisonRequest request, ShadowOptions options)
    {
        if (request.Jury is not { } jury)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(jury.Suite))
        {
            throw StartBatchValidator.Invalid("jury.suite", "is required: the name of a suite registered with eval-service");
        }

        if (jury.SuiteVersion < 0)
        {
            throw StartBatchValidator.Invalid("jury.suite_version", "must be 0 (the latest) or a version number");
        }

        if (!string.IsNullOrWhiteSpace(request.JudgeModel))
        {
            throw StartBatchValidator.Invalid("judge_model", "give either judge_model (a single judge) or jury, not both");
        }

        return new ShadowJurySpec(jury.Suite, jury.SuiteVersion, options.EvalTaskQueue, options.JuryCasesPerCall, options.JuryCallsInFlight, options.JuryTimeout);
    }

    private static (ShadowSideSpec Spec, IReadOnlyList<string>? Header) Side(ShadowSide? side, string field, BatchOptions batchOptions)
    {
        if (side is null)
        {
            throw StartBatchValidator.Invalid(field, "is required");
        }

        var path = RequestPaths.Resolve(side.Location, $"{field}.location", batchOptions);
        var format = RequestPaths.Format(side.Format, path, $"{field}.format");
        if (string.IsNullOrWhiteSpace(side.RowIdColumn))
        {
            throw StartBatchValidator.Invalid($"{field}.row_id_column", "is required");
        }

        if (string.IsNullOrWhiteSpace(side.TextColumn))
        {
            throw StartBatchValidator.Invalid($"{field}.text_column", "is required");
        }

        RequestPaths.RequireFile(path, $"{field}.location");
        IReadOnlyList<string>? header = null;
        if (format == BatchInputFormat.Csv)
        {
            try
            {
                header = InputRowParser.ReadCsvHeader(path, side.RowIdColumn);
            }
            catch (InvalidDataException e)
            {
                throw StartBatchValidator.Invalid($"{field}.row_id_column", e.Message);
            }

            if (!header.Contains(side.TextColumn, StringComparer.Ordinal))
            {
                throw StartBatchValidator.Invalid($"{field}.text_column", $"'{side.TextColumn}' is not a column of the CSV header (columns: {string.Join(", ", header.Select(h => $"'{h}'"))})");
            }
        }

        return (new ShadowSideSpec(path, format, side.RowIdColumn, side.TextColumn), header);
    }
}
