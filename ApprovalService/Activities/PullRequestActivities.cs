using Agentic.ApprovalService.Audit;
using Agentic.ApprovalService.Git;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.Workflows;
using Temporalio.Activities;

namespace Agentic.ApprovalService.Activities;

/// <summary>The pull request workflow's I/O: git, the code host and the audit of shipped changes.</summary>
public sealed class PullRequestActivities(AuditStore audit, GitHubCodeHost gitHub, TimeProvider time)
{
    [Activity]
    public async Task<PullRequestRef> OpenAsync(OpenPullRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Repository.Host == CodeHostKind.GitHub
            ? await gitHub.OpenAsync(input.Project, input.Repository, input.Changes)
            : LocalGitHost.Open(input.Project, input.Repository, input.Changes, time.GetUtcNow());
    }

    [Activity]
    public async Task<PullRequestOutcome> WaitForMergeAsync(WaitForMergeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = ActivityExecutionContext.Current;
        while (true)
        {
            context.Heartbeat();
            if (LocalGitHost.Check(input.Repository, input.PullRequest, time.GetUtcNow().UtcDateTime) is { } outcome)
            {
                return outcome;
            }

            // Polling is the only way to learn of a merge in a plain git repository.
            await Task.Delay(input.PollInterval, context.CancellationToken);
        }
    }

    [Activity]
    public async Task<AuditResult> AuditShippedAsync(AuditShippedInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rows = input.Changes.Select(change => (
            $"shipped/{input.PullRequest.HeadCommit}/{change.UniqueId}/{change.Key}",
            new AuditRecord(
                0, "shipped", input.Project, change.UniqueId, change.Column, change.LlmText, change.Text,
                change.Decision.ToString().ToLowerInvariant(), null, change.Reviewer, input.Outcome.ClosedAt, input.PullRequest.Url,
                input.Outcome.MergeCommit, input.Outcome.ClosedAt, change.Model, change.PromptVersion))).ToList();
        return new AuditResult(await audit.AddAsync(rows, ActivityExecutionContext.Current.CancellationToken));
    }
}
