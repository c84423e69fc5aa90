using Agentic.EvalService.Storage;
using Agentic.EvalService.Workflows;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace Agentic.EvalService.Activities;

/// <summary>Reads registered suites for workflows that are given a suite by name (a jury asked for by another service).</summary>
public sealed class SuiteActivities(SuiteStore suites)
{
    public const string SuiteNotFound = "SuiteNotFound";

    [Activity]
    public async Task<LoadedJury> LoadJuryAsync(LoadJuryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var suite = await suites.GetAsync(input.Suite, input.SuiteVersion, ActivityExecutionContext.Current.CancellationToken)
            ?? throw new ApplicationFailureException(
                input.SuiteVersion == 0 ? $"suite '{input.Suite}' is not registered" : $"suite '{input.Suite}' has no version {input.SuiteVersion}",
                SuiteNotFound,
                nonRetryable: true);
        return new LoadedJury(suite.Name, suite.Version, suite.Definition.Jury);
    }
}
