namespace Agentic.ApprovalService.GitHub;

/// <summary>
/// GitHub settings (section "Approval:GitHub"): the webhook's shared secret (without it the endpoint answers 404),
/// and the token and API address pull requests are opened with. Both secrets come from configuration (user secrets,
/// environment, a secret store), never from a request or a workflow input, so they stay out of Temporal histories.
/// </summary>
public sealed class GitHubOptions
{
    public const string SectionName = "Approval:GitHub";

    public string? WebhookSecret { get; set; }

    /// <summary>A token allowed to push branches and open pull requests (contents and pull requests: write).</summary>
    public string? Token { get; set; }

    /// <summary>The REST API; a GitHub Enterprise server's address works too (Octokit adds "api/v3/" for it).</summary>
    public Uri ApiUrl { get; set; } = new("https://api.github.com/");

    /// <summary>Without the secrets, so the options can be logged.</summary>
    public override string ToString() =>
        $"GitHub {{ ApiUrl = {ApiUrl}, WebhookSecret = {(string.IsNullOrEmpty(WebhookSecret) ? "unset" : "set")}, Token = {(string.IsNullOrEmpty(Token) ? "unset" : "set")} }}";
}
