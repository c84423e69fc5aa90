using System.Buffers;
using Agentic.LlmGateway.Protocol;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// Relays an upstream server-sent event stream event by event, as soon as each is complete: reads the usage
/// chunk (and drops it when only the gateway asked for it), notes <c>data: [DONE]</c>, and when the upstream
/// breaks, ends early or stays silent longer than <paramref name="idleTimeout"/> appends an error event instead
/// of failing the copy, so the caller never sees a clean end without [DONE]. (The relay's own idle timeout is
/// shorter than the forwarder's, whose expiry would cancel the write of the error event too.)
/// </summary>
internal sealed class SseRelayStream(Stream inner, LlmCall call, TimeSpan idleTimeout, CancellationToken requestAborted) : ReadOnlyWrapperStream(inner)
{
    private static readonly byte[] ErrorEvent = Event(
        OpenAiErrors.Serialize("The upstream provider ended the stream before it completed.", "server_error", "upstream_stream_interrupted"));

    private static readonly byte[] TimeoutEvent = Event(
        OpenAiErrors.Serialize("The upstream provider stopped sending before the stream completed.", "server_error", "upstream_timeout"));

    private CancellationTokenSource? _idle;

    private byte[] _in = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _inLength;
    private int _scanFrom;
    private byte[] _out = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _outStart;
    private int _outLength;
    private bool _finished;
    private bool _sawDone;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_outLength > _outStart)
            {
                var count = Math.Min(buffer.Length, _outLength - _outStart);
                _out.AsSpan(_outStart, count).CopyTo(buffer.Span);
                _outStart += count;
                return count;
            }

            if (_finished || buffer.Length == 0)
            {
                return 0;
            }

            _outStart = _outLength = 0;
            if (_inLength == _in.Length)
            {
                Grow(ref _in, _inLength, _inLength + 1);
            }

            int read;
            _idle ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _idle.CancelAfter(idleTimeout);
            try
            {
                read = await Inner.ReadAsync(_in.AsMemory(_inLength), _idle.Token);
            }
            catch (Exception) when (!requestAborted.IsCancellationRequested)
            {
                // The upstream broke or went silent: tell the caller rather than fail the copy.
                Finish(timedOut: _idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
                continue;
            }
            finally
            {
                _idle.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            if (read == 0)
            {
                Finish(timedOut: false);
                continue;
            }

            _inLength += read;
            EmitCompleteEvents();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnBuffers();
            _idle?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static byte[] Event(byte[] json) => [.. "data: "u8, .. json, .. "\n\n"u8];

    private void Finish(bool timedOut)
    {
        _finished = true;
        call.StreamCompleted = _sawDone;
        if (!_sawDone)
        {
            // Whatever half event is left is dropped: half an event would mislead a parser more than none.
            call.StreamInterrupted = true;
            Append(timedOut ? TimeoutEvent : ErrorEvent);
        }
    }

    private void EmitCompleteEvents()
    {
        var eventStart = 0;
        while (true)
        {
            var span = _in.AsSpan(_scanFrom, _inLength - _scanFrom);
            var lf = span.IndexOf("\n\n"u8);
            var crlf = span.IndexOf("\r\n\r\n"u8);
            int end;
            if (lf >= 0 && (crlf < 0 || lf < crlf))
            {
                end = _scanFrom + lf + 2;
            }
            else if (crlf >= 0)
            {
                end = _scanFrom + crlf + 4;
            }
            else
            {
                // Incomplete event: keep it, and rescan only its tail next time.
                _scanFrom = Math.Max(eventStart, _inLength - 3);
                break;
            }

            var sseEvent = _in.AsSpan(eventStart, end - eventStart);
            if (Inspect(sseEvent))
            {
                Append(sseEvent);
            }

            eventStart = end;
            _scanFrom = end;
        }

        if (eventStart > 0)
        {
            _in.AsSpan(eventStart, _inLength - eventStart).CopyTo(_in);
            _inLength -= eventStart;
            _scanFrom -= eventStart;
        }
    }

    /// <summary>Reads one event; false when it must not reach the caller.</summary>
    private bool Inspect(ReadOnlySpan<byte> sseEvent)
    {
        var data = sseEvent.IndexOf("data:"u8);
        if (data < 0)
        {
            return true;
        }

        var payload = sseEvent[(data + 5)..].Trim(" \r\n"u8);
        if (payload.SequenceEqual("[DONE]"u8))
        {
            _sawDone = true;
            return true;
        }

        if (payload.IndexOf("\"usage\""u8) < 0)
        {
            return true;
        }

        var usage = UsageReader.Read(payload, out var choicesEmpty, out _);
        if (usage is null)
        {
            return true;
        }

        call.Usage = usage;
        // The gateway added include_usage for settlement; a caller that did not ask never sees the extra chunk.
        return call.Request.CallerWantsUsage || !choicesEmpty;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_outLength + bytes.Length > _out.Length)
        {
            Grow(ref _out, _outLength, _outLength + bytes.Length);
        }

        bytes.CopyTo(_out.AsSpan(_outLength));
        _outLength += bytes.Length;
    }

    private static void Grow(ref byte[] buffer, int used, int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, needed));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    private void ReturnBuffers()
    {
        if (_in.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_in);
            _in = [];
        }

        if (_out.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_out);
            _out = [];
        }
    }
}
