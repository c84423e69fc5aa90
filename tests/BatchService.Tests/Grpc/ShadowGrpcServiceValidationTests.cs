using Agentic.Batch.V1;
using Grpc.Core;

namespace Agentic.BatchService.Tests.Grpc;

public sealed class ShadowGrpcServiceValidationTests(GrpcOnlyHost host) : IClassFixture<GrpcOnlyHost>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public static TheoryData<string, string> BrokenFields => new()
    {
        { "job_id", "bad id!" },
        { "baseline", "" },
        { "candidate", "" },
        { "baseline.location", "" },
        { "baseline.location", "relative.jsonl" },
        { "candidate.location", "/etc/hostname" },
        { "baseline.format", "rows.txt" },
        { "baseline.row_id_column", "" },
        { "candidate.text_column", "" },
        { "candidate.text_column", "csv" },
        { "candidate.row_id_column", "csv" },
        { "category_column", "csv" },
        { "similarity_threshold", "2" },
        { "anomaly.max_changed_share", "1.5" },
        { "anomaly.min_mean_similarity", "-3" },
        { "anomaly.min_mean_similarity", "no embeddings" },
        { "chunk_size", "-1" },
        { "output_location", "" },
        { "output_location", "file" },
        { "jury.suite", "" },
        { "jury.suite_version", "-1" },
        { "judge_model", "with jury" },
    };

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(BrokenFields))]
    public async Task StartShadowComparison_InvalidField_AnswersInvalidArgumentNamingIt(string field, string value)
    {
        var request = ValidRequest();
        Break(request, field, value);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Shadow.StartShadowComparisonAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartShadowComparison_MissingInputFile_AnswersNotFoundNamingTheSide()
    {
        var request = ValidRequest();
        request.Candidate.Location = _dir.File("missing.jsonl");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Shadow.StartShadowComparisonAsync(request));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.StartsWith("candidate.location:", error.Status.Detail, StringComparison.Ordinal);
    }

    private StartShadowComparisonRequest ValidRequest() => new()
    {
        JobId = "shadow-valid",
        Baseline = new ShadowSide { Location = _dir.Write("baseline.jsonl", "{\"id\":\"1\",\"answer\":\"a\"}\n"), RowIdColumn = "id", TextColumn = "answer" },
        Candidate = new ShadowSide { Location = _dir.Write("candidate.jsonl", "{\"id\":\"1\",\"answer\":\"b\"}\n"), RowIdColumn = "id", TextColumn = "answer" },
        OutputLocation = _dir.File("out"),
    };

    private void Break(StartShadowComparisonRequest request, string field, string value)
    {
        switch (field)
        {
            case "job_id": request.JobId = value; break;
            case "baseline": request.Baseline = null; break;
            case "candidate": request.Candidate = null; break;
            case "baseline.location": request.Baseline.Location = value; break;
            case "candidate.location": request.Candidate.Location = value; break;
            case "baseline.format": request.Baseline.Location = _dir.Write(value, "{}\n"); break;
            case "baseline.row_id_column": request.Baseline.RowIdColumn = value; break;
            case "candidate.text_column" when value == "csv":
                request.Candidate.Location = _dir.Write("candidate.csv", "id,text\n1,b\n");
                break;
            case "candidate.text_column": request.Candidate.TextColumn = value; break;
            case "candidate.row_id_column":
                request.Candidate.Location = _dir.Write("candidate.csv", "key,answer\n1,b\n");
                break;
            case "category_column":
                request.Baseline.Location = _dir.Write("baseline.csv", "id,answer\n1,a\n");
                request.Candidate.Location = _dir.Write("candidate.csv", "id,answer\n1,b\n");
                request.CategoryColumn = "topic";
                break;
            case "similarity_threshold": request.SimilarityThreshold = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "anomaly.max_changed_share": request.Anomaly = new ShadowAnomalyThresholds { MaxChangedShare = 1.5 }; break;
            case "anomaly.min_mean_similarity" when value == "no embeddings": request.Anomaly = new ShadowAnomalyThresholds { MinMeanSimilarity = 0.5 }; break;
            case "anomaly.min_mean_similarity":
                request.EmbeddingModel = "sim-embed";
                request.Anomaly = new ShadowAnomalyThresholds { MinMeanSimilarity = -3 };
                break;
            case "chunk_size": request.ChunkSize = -1; break;
            case "jury.suite": request.Jury = new ShadowJury { Suite = value }; break;
            case "jury.suite_version": request.Jury = new ShadowJury { Suite = "equivalence", SuiteVersion = -1 }; break;
            case "judge_model":
                request.Jury = new ShadowJury { Suite = "equivalence" };
                request.JudgeModel = "sim-chat";
                break;
            case "output_location" when value == "file": request.OutputLocation = _dir.Write("a-file", "x"); break;
            case "output_location": request.OutputLocation = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "no way to break it");
        }
    }
}
