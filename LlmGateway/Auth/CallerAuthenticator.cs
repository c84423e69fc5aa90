using System.Security.Cryptography;
using System.Text;
using Agentic.LlmGateway.Configuration;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Auth;

/// <summary>
/// Maps a bearer key to a caller. Only SHA-256 hashes of the configured keys stay in memory, and a presented
/// key's hash is compared with every caller's in constant time, so neither timing nor a heap dump gives a key
/// away. Reloads with the configuration.
/// </summary>
public sealed class CallerAuthenticator : IDisposable
{
    private const int MaxKeyLength = 512;

    private readonly IDisposable? _subscription;
    private volatile Entry[] _entries;

    public CallerAuthenticator(IOptionsMonitor<GatewayOptions> options)
    {
        _entries = Build(options.CurrentValue);
        _subscription = options.OnChange(o => _entries = Build(o));
    }

    /// <summary>The caller whose key the request carries in <c>Authorization: Bearer</c>; null when none matches.</summary>
    public CallerIdentity? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = value.AsSpan(7).Trim();
        if (key.IsEmpty || key.Length > MaxKeyLength)
        {
            return null;
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyLength * 3];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        CryptographicOperations.ZeroMemory(utf8[..length]);

        CallerIdentity? found = null;
        foreach (var entry in _entries)
        {
            // No early exit: every caller's hash is compared, so the time does not depend on which one matched.
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
            {
                found = entry.Identity;
            }
        }

        return found;
    }

    public void Dispose() => _subscription?.Dispose();

    private static Entry[] Build(GatewayOptions options) =>
    [
        .. options.Callers
            .Where(c => !string.IsNullOrEmpty(c.Value.ApiKey))
            .Select(c => new Entry(SHA256.HashData(Encoding.UTF8.GetBytes(c.Value.ApiKey!)), new CallerIdentity(c.Key, c.Value.PriorityClass))),
    ];

    private sealed record Entry(byte[] Hash, CallerIdentity Identity);
}
