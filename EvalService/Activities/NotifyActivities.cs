using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Agentic.EvalService.Options;
using Agentic.EvalService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace Agentic.EvalService.Activities;

/// <summary>
/// Posts a verdict change to the caller's callback URL, signed so the receiver can tell it came from us:
/// header X-Agentic-Signature is "sha256=" + hex HMAC-SHA256 of "timestamp.body" under the shared secret, and
/// X-Agentic-Timestamp the Unix seconds (receivers reject old ones, against replays).
/// </summary>
public sealed class NotifyActivities(IHttpClientFactory http, IOptions<EvalOptions> options)
{
    public const string HttpClientName = "eval-webhooks";

    [Activity]
    public async Task PostAsync(TurnNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = JsonSerializer.SerializeToUtf8Bytes(notification.State, JsonSerializerOptions.Web);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, notification.CallbackUrl)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.Add("X-Agentic-Timestamp", timestamp);
        request.Headers.Add("X-Agentic-Signature", Sign(options.Value.WebhookSecret, timestamp, body));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ActivityExecutionContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw new ApplicationFailureException($"callback answered {status}", "WebhookRejected", nonRetryable: status is >= 400 and < 500 and not 408 and not 429);
        }
    }

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
