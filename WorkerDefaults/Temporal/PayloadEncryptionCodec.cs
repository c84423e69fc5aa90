using System.Security.Cryptography;
using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace Agentic.WorkerDefaults.Temporal;

/// <summary>
/// Encrypts every payload a service hands to Temporal (AES-256-GCM), so data such as answers under evaluation, and
/// any PII in them, never sit readable in workflow histories; only holders of the key can read them. Payloads that
/// arrive unencrypted (a plain client starting a probe) pass through, so a service can switch it on safely.
/// </summary>
public sealed class PayloadEncryptionCodec(byte[] key, string keyId) : IPayloadCodec
{
    private const string Encoding = "binary/encrypted";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private static readonly ByteString EncodingValue = ByteString.CopyFromUtf8(Encoding);

    public Task<IReadOnlyCollection<Payload>> EncodeAsync(IReadOnlyCollection<Payload> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        return Task.FromResult<IReadOnlyCollection<Payload>>(payloads.Select(Encrypt).ToList());
    }

    public Task<IReadOnlyCollection<Payload>> DecodeAsync(IReadOnlyCollection<Payload> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        return Task.FromResult<IReadOnlyCollection<Payload>>(payloads.Select(Decrypt).ToList());
    }

    private Payload Encrypt(Payload payload)
    {
        var plain = payload.ToByteArray();
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length));
        return new Payload
        {
            Metadata = { ["encoding"] = EncodingValue, ["encryption-key-id"] = ByteString.CopyFromUtf8(keyId) },
            Data = ByteString.CopyFrom(sealedBytes),
        };
    }

    private Payload Decrypt(Payload payload)
    {
        if (!payload.Metadata.TryGetValue("encoding", out var encoding) || encoding != EncodingValue)
        {
            return payload;
        }

        var sealedBytes = payload.Data.Span;
        var cipher = sealedBytes[NonceSize..^TagSize];
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], cipher, sealedBytes[^TagSize..], plain);
        return Payload.Parser.ParseFrom(plain);
    }

    /// <summary>The codec for a base64 key of 32 bytes; its id is a short hash, so rotated keys can be told apart.</summary>
    public static PayloadEncryptionCodec FromBase64(string base64Key)
    {
        var key = Convert.FromBase64String(base64Key);
        if (key.Length != 32)
        {
            throw new ArgumentException("the payload key must be 32 bytes (base64)", nameof(base64Key));
        }

        var id = Convert.ToHexStringLower(SHA256.HashData(key))[..12];
        return new PayloadEncryptionCodec(key, id);
    }

    public override string ToString() => $"PayloadEncryptionCodec {{ {Encoding} }}";
}
