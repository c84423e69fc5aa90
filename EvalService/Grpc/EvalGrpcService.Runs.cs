using Agentic.Eval.V1;
using Agentic.EvalService.Runs;
using Agentic.EvalService.Storage;
using Agentic.EvalService.Workflows;
using Grpc.Core;

namespace Agentic.EvalService.Grpc;

/// <summary>Offline runs: started as workflows, read back from PostgreSQL.</summary>
internal sealed partial class EvalGrpcService
{
    public override async Task<StartEvalRunResponse> StartEvalRun(StartEvalRunRequest request, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var runId = request.RunId.Length > 0 ? request.RunId : "run-" + Guid.NewGuid().ToString("N");
        if (runId.Length > 200 || runId.Any(char.IsControl))
        {
            throw GrpcErrors.Invalid("run_id", "at most 200 printable characters");
        }

        var input = await RunInputAsync(runId, request.Suite, request.SuiteVersion, request.Dataset, "suite", "dataset", null, cancellationToken);
        var (run, created) = await Store(() => runs.CreateAsync(new NewRun(runId, input.RequestHash, input.Suite, input.SuiteVersion,
            input.Dataset.Describe, input.Dataset.Format.ToString().ToLowerInvariant(), input.Dataset.ModelUnderTest, null), cancellationToken));
        if (!created && RunFingerprint.FirstDifference(run.RequestHash, input.RequestHash) is { } field)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"{field}: differs from the request that started run '{runId}'"));
        }

        await runClient.StartAsync(input, cancellationToken);
        return new StartEvalRunResponse { RunId = runId, AlreadyExisted = !created };
    }

    public override async Task<EvalRun> GetEvalRun(GetEvalRunRequest request, ServerCallContext context)
    {
        var run = await FindRunAsync(request.RunId, context.CancellationToken);
        return await WithResultsAsync(run, context.CancellationToken);
    }

    public override async Task WatchEvalRun(GetEvalRunRequest request, IServerStreamWriter<EvalRun> responseStream, ServerCallContext context)
    {
        var last = (State: (EvalRunState?)null, Done: -1, Total: -1);
        while (true)
        {
            var run = await FindRunAsync(request.RunId, context.CancellationToken);
            if (run.Terminal)
            {
                await responseStream.WriteAsync(await WithResultsAsync(run, context.CancellationToken), context.CancellationToken);
                return;
            }

            if ((run.State, run.CasesDone, run.CasesTotal) != last)
            {
                await responseStream.WriteAsync(RunMapper.ToRun(run), context.CancellationToken);
                last = (run.State, run.CasesDone, run.CasesTotal);
            }

            await Task.Delay(options.Value.WatchInterval, context.CancellationToken);
        }
    }

    public override async Task<ListEvalRunsResponse> ListEvalRuns(ListEvalRunsRequest request, ServerCallContext context)
    {
        if (request.PageSize < 0)
        {
            throw GrpcErrors.Invalid("page_size", "must not be negative");
        }

        var list = await Store(() => runs.ListAsync(request.Suite.Length > 0 ? request.Suite : null,
            request.PageSize == 0 ? 50 : Math.Min(request.PageSize, 1000), context.CancellationToken));
        var response = new ListEvalRunsResponse();
        response.Runs.AddRange(list.Select(RunMapper.ToRun));
        return response;
    }

    public override async Task<EvalRun> CancelEvalRun(CancelEvalRunRequest request, ServerCallContext context)
    {
        var run = await FindRunAsync(request.RunId, context.CancellationToken);
        if (!run.Terminal)
        {
            await runClient.CancelAsync(run.RunId, context.CancellationToken);
            await runs.FinishAsync(run.RunId, EvalRunState.Cancelled, request.Reason.Length > 0 ? request.Reason : "cancelled", context.CancellationToken);
            run = await FindRunAsync(request.RunId, context.CancellationToken);
        }

        return RunMapper.ToRun(run);
    }

    public override async Task<CompareEvalRunsResponse> CompareEvalRuns(CompareEvalRunsRequest request, ServerCallContext context)
    {
        var baseline = await FindRunAsync(request.BaselineRunId, context.CancellationToken, "baseline_run_id");
        var candidate = await FindRunAsync(request.CandidateRunId, context.CancellationToken, "candidate_run_id");
        var (changes, unchanged) = RunComparison.Compare(
            await runs.ListCasesAsync(baseline.RunId, context.CancellationToken),
            await runs.ListCasesAsync(candidate.RunId, context.CancellationToken));
        var response = new CompareEvalRunsResponse { Unchanged = unchanged };
        response.Regressions.AddRange(changes.Where(c => c.Regression).Select(RunMapper.ToChange));
        response.Improvements.AddRange(changes.Where(c => !c.Regression).Select(RunMapper.ToChange));
        return response;
    }

    /// <summary>Validates a run's suite and dataset (naming the fields as the caller knows them) and builds the workflow's input.</summary>
    private async Task<EvalRunInput> RunInputAsync(string runId, string suiteName, int suiteVersion, Dataset? dataset,
        string suiteField, string datasetField, string? scheduleId, CancellationToken cancellationToken)
    {
        if (suiteVersion < 0)
        {
            throw GrpcErrors.Invalid(suiteField + "_version", "must not be negative");
        }

        var suite = await FindSuiteAsync(suiteName, suiteVersion, suiteField, cancellationToken);
        var source = DatasetValidator.Validate(dataset, datasetField);
        if (source.ModelUnderTest is { } model && !await models.ExistsAsync(model, cancellationToken))
        {
            throw GrpcErrors.Invalid($"{datasetField}.model_under_test", $"the gateway does not route a model named '{model}'");
        }

        var judges = suite.Definition.Jury.Judges;
        for (var i = 0; i < judges.Count; i++)
        {
            if (!await models.ExistsAsync(judges[i].Model, cancellationToken))
            {
                throw GrpcErrors.Invalid(suiteField, $"jury.judges[{i}].model: the gateway does not route a model named '{judges[i].Model}'");
            }
        }

        return new EvalRunInput(runId, suite.Name, suite.Version, suite.Definition, source,
            RunFingerprint.Of(suiteName, suiteVersion, source), scheduleId, options.Value.RunChunkSize, options.Value.RunParallelChunks);
    }

    private async Task<StoredRun> FindRunAsync(string runId, CancellationToken cancellationToken, string field = "run_id")
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw GrpcErrors.Invalid(field, "is required");
        }

        return await Store(() => runs.GetAsync(runId, cancellationToken)) ?? throw GrpcErrors.NotFound($"run '{runId}' not found");
    }

    private async Task<EvalRun> WithResultsAsync(StoredRun run, CancellationToken cancellationToken)
    {
        var cases = await runs.ListCasesAsync(run.RunId, cancellationToken);
        var verdicts = await runs.ListJudgeVerdictsAsync(run.RunId, cancellationToken);
        return RunMapper.WithResults(RunMapper.ToRun(run), cases, RunStatistics.Compute(cases, verdicts));
    }
}
