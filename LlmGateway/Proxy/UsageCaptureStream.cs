using System.Buffers;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// Passes a JSON response through unchanged while keeping a copy (pooled, up to a cap) and reads its
/// "usage" at the end, for settlement and token metrics.
/// </summary>
internal sealed class UsageCaptureStream(Stream inner, LlmCall call) : ReadOnlyWrapperStream(inner)
{
    private const int MaxCapture = 64 * 1024 * 1024;

    private byte[]? _copy = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            if (_copy is not null && buffer.Length > 0)
            {
                call.Usage = UsageReader.Read(_copy.AsSpan(0, _length), out _, out _);
                Release();
            }

            return 0;
        }

        if (_copy is not null)
        {
            if (_length + read > _copy.Length)
            {
                if (_length + read > MaxCapture)
                {
                    // Too big to keep (a huge embeddings answer): settle against the reservation instead.
                    Release();
                    return read;
                }

                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_copy.Length * 2, _length + read));
                _copy.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_copy);
                _copy = larger;
            }

            buffer.Span[..read].CopyTo(_copy.AsSpan(_length));
            _length += read;
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    private void Release()
    {
        if (_copy is { } copy)
        {
            _copy = null;
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
