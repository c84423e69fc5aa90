namespace Agentic.ApprovalService.Workflows;

/// <summary>
/// What the approval workflows tell operators, through <c>Workflow.Logger</c> (replay-safe): counts and links, never
/// a draft, a reviewer's text or the model's context. The project and node come from the log scope
/// (<see cref="Telemetry.ProposalLogScopeInterceptor"/>).
/// </summary>
internal static partial class WorkflowLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Proposal drafted: {Drafted} description(s) from the model")]
    public static partial void Drafted(ILogger logger, int drafted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Proposal decided: {Changes} approved change(s) sent to the pull request")]
    public static partial void Shipping(ILogger logger, int changes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pull request opened with {Changes} change(s): {Url}")]
    public static partial void PullRequestOpened(ILogger logger, int changes, string url);
}
