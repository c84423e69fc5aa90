namespace Agentic.ApprovalService.Notifications;

/// <summary>
/// Where reminders, escalations and expiries go besides the portal (section "Approval:Notifications"): an optional
/// webhook (chat, paging, mail relay) that receives each as JSON signed with HMAC-SHA256 under <see cref="WebhookSecret"/>.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Approval:Notifications";

    /// <summary>Null = notifications only in the portal's queue (and the log).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Signs each delivery (header X-Agentic-Signature-256: "sha256=" + hex HMAC of the body); required with a URL.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Attempts before a delivery is given up and marked failed (the portal keeps the notification either way).</summary>
    public int WebhookAttempts { get; set; } = 5;

    public override string ToString() =>
        $"Notifications {{ WebhookUrl = {WebhookUrl?.ToString() ?? "unset"}, WebhookSecret = {(string.IsNullOrEmpty(WebhookSecret) ? "unset" : "set")} }}";
}
