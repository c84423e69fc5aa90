using System.Buffers;

namespace Agentic.LlmGateway.Proxy;

/// <summary>A request body read once into a pooled buffer, up to a size limit.</summary>
internal sealed class RequestBody : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private RequestBody(int initialSize) => _buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>The body, or null when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async ValueTask<RequestBody?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var body = new RequestBody((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 256, maxBytes) + 1);
        try
        {
            while (true)
            {
                if (body._length == body._buffer.Length)
                {
                    if (body._buffer.Length > maxBytes)
                    {
                        body.Dispose();
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(body._buffer.Length * 2, maxBytes + 1));
                    body._buffer.AsSpan(0, body._length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(body._buffer);
                    body._buffer = larger;
                }

                var read = await request.Body.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                body._length += read;
            }

            if (body._length > maxBytes)
            {
                body.Dispose();
                return null;
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
