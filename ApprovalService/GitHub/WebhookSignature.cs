using System.Security.Cryptography;
using System.Text;

namespace Agentic.ApprovalService.GitHub;

/// <summary>GitHub's X-Hub-Signature-256: "sha256=" and the hex HMAC-SHA256 of the raw body under the webhook secret.</summary>
public static class WebhookSignature
{
    private const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, body));
        var actual = Encoding.ASCII.GetBytes(header.Trim());
        // Constant time, so the comparison says nothing about how much of a forged signature was right.
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
