namespace Agentic.ApprovalService.GitHub;

/// <summary>The GitHub webhook's shared secret (section "Approval:GitHub"); without it the endpoint answers 404.</summary>
public sealed class GitHubWebhookOptions
{
    public const string SectionName = "Approval:GitHub";

    public string? WebhookSecret { get; set; }

    /// <summary>Without the secret, so the options can be logged.</summary>
    public override string ToString() => $"GitHub {{ WebhookSecret = {(string.IsNullOrEmpty(WebhookSecret) ? "unset" : "set")} }}";
}
