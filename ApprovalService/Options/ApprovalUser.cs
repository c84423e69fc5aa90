namespace Agentic.ApprovalService.Options;

/// <summary>A reviewer: the groups they belong to, and for development sign-in a password.</summary>
public sealed class ApprovalUser
{
    public List<string> Groups { get; set; } = [];

    /// <summary>Development sign-in only; production signs in through OpenID Connect.</summary>
    public string? Password { get; set; }

    public string? DisplayName { get; set; }
}
