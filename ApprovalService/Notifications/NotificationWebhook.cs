using System.Net.Http.Headers;
using System.Text.Json;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.ReadModel;
using Microsoft.Extensions.Options;

namespace Agentic.ApprovalService.Notifications;

/// <summary>Posts a notification to the configured webhook, signed the way GitHub signs its own (so receivers reuse their check).</summary>
public sealed class NotificationWebhook(HttpClient http, IOptions<NotificationOptions> options)
{
    public const string SignatureHeader = "X-Agentic-Signature-256";

    public bool Configured => options.Value.WebhookUrl is not null;

    public async Task SendAsync(NotificationRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            kind = notification.Kind,
            group = notification.OwnerGroup,
            project = notification.Project,
            unique_id = notification.UniqueId,
            name = notification.Name,
            pending = notification.Pending,
            at = notification.At,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(settings.WebhookSecret ?? string.Empty, body));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
