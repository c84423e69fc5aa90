namespace Agentic.ApprovalService.Workflows;

/// <summary>A project's pull request workflow; <see cref="Waiting"/> carries changes across continue-as-new.</summary>
public sealed record PullRequestInput(
    string Project, ProjectRepository Repository, PullRequestTimings Timings, IReadOnlyList<AddChangesSignal>? Waiting = null, int Run = 0);
