using Agentic.EvalService.Datasets;
using Agentic.EvalService.Storage;
using Agentic.EvalService.Telemetry;
using Agentic.EvalService.Workflows;
using Agentic.LlmGateway.Protocol;
using Agentic.WorkerDefaults.Llm;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace Agentic.EvalService.Activities;

/// <summary>
/// An offline run's I/O: its dataset (streamed: a chunk reads past the cases before it without keeping them)
/// and its rows in PostgreSQL (idempotent by run id and case id, so a retried chunk never counts twice).
/// </summary>
public sealed class RunActivities(RunStore runs, EvalMetrics metrics, LlmGatewayModels models)
{
    public const string DatasetUnreadable = "DatasetUnreadable";

    [Activity]
    public async Task<PrepareRunResult> PrepareRunAsync(PrepareRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        await runs.CreateAsync(input.Run, cancellationToken);
        int total;
        try
        {
            using var reader = input.Dataset.Open();
            total = DatasetReader.Count(reader, input.Dataset.Format);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ApplicationFailureException($"dataset {input.Dataset.Describe}: {exception.Message}", DatasetUnreadable, nonRetryable: true);
        }

        var prices = new Dictionary<string, TokenPrice>(StringComparer.Ordinal);
        foreach (var model in input.Models ?? [])
        {
            if (await models.FindAsync(model, cancellationToken) is { Price: { } price })
            {
                prices[model] = price;
            }
        }

        await runs.MarkRunningAsync(input.Run.RunId, total, cancellationToken);
        return new PrepareRunResult(total, prices);
    }

    [Activity]
    public ReadCasesResult ReadCases(ReadCasesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            using var reader = input.Dataset.Open();
            return new ReadCasesResult(DatasetReader.Read(reader, input.Dataset.Format).Skip(input.FirstCase).Take(input.Count).ToList());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ApplicationFailureException($"dataset {input.Dataset.Describe}: {exception.Message}", DatasetUnreadable, nonRetryable: true);
        }
    }

    [Activity]
    public Task SaveCasesAsync(SaveCasesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return runs.SaveCasesAsync(input.RunId, input.Cases, input.Verdicts, ActivityExecutionContext.Current.CancellationToken);
    }

    [Activity]
    public async Task FinishRunAsync(FinishRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var ended = await runs.FinishAsync(input.RunId, input.State, input.Error, cancellationToken);

        // Only the call that ended the run reports it, so a retried activity does not count the run twice.
        if (ended && input.State == EvalRunState.Completed && await runs.GetAsync(input.RunId, cancellationToken) is { } run)
        {
            metrics.RunFinished(run.Suite, run.CasesPassed, run.CasesPassed + run.CasesFailed, run.CasesEscalated);
        }
    }
}
