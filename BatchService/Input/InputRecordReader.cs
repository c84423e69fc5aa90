using System.Text;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Input;

/// <summary>
/// Reads the input one record at a time straight from bytes, so every record's byte offset is exact and a
/// batch can seek to its first row. A record is a non-blank line; in CSV a quoted field may span lines, and
/// keeps its line breaks as written (CRLF or LF). Physical line numbers (1-based) are counted from
/// <c>firstLine</c>, the line at <c>offset</c>.
/// </summary>
public sealed class InputRecordReader : IDisposable
{
    private readonly Stream _stream;
    private readonly BatchInputFormat _format;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private long _nextLine;

    public InputRecordReader(string path, BatchInputFormat format, long offset = 0, long firstLine = 1)
    {
        _nextLine = firstLine;
        _format = format;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        _stream.Seek(offset, SeekOrigin.Begin);
        _bufferOffset = offset;
    }

    /// <summary>Offset of the next byte not yet consumed.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>Physical line (1-based) where the record last read starts.</summary>
    public long Line { get; private set; }

    /// <summary>Physical line (1-based) of the next byte not yet consumed.</summary>
    public long NextLine => _nextLine;

    /// <summary>Reads the next record, or returns false at the end of the input.</summary>
    public bool TryRead(out long offset, out string text)
    {
        while (true)
        {
            offset = Position;
            Line = _nextLine;
            if (!TryReadLine(out var line, out var crlf))
            {
                text = string.Empty;
                return false;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (_format == BatchInputFormat.Csv && !QuotesBalanced(line))
            {
                var record = new StringBuilder(line);
                var lineBreak = crlf;
                while (!QuotesBalanced(record) && TryReadLine(out var more, out crlf))
                {
                    record.Append(lineBreak ? "\r\n" : "\n").Append(more);
                    lineBreak = crlf;
                }

                text = record.ToString();
                return true;
            }

            text = line;
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static bool QuotesBalanced(string text) => text.Count(c => c == '"') % 2 == 0;

    private static bool QuotesBalanced(StringBuilder text)
    {
        var quotes = 0;
        foreach (var chunk in text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (c == '"')
                {
                    quotes++;
                }
            }
        }

        return quotes % 2 == 0;
    }

    private bool TryReadLine(out string line, out bool crlf)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0)
            {
                line = Decode(_start, newline, out crlf);
                _start = newline + 1;
                _nextLine++;
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    line = string.Empty;
                    crlf = false;
                    return false;
                }

                line = Decode(_start, _end, out crlf);
                _start = _end;
                _nextLine++;
                return true;
            }

            scanFrom = _end;
            Fill(ref scanFrom);
        }
    }

    private string Decode(int from, int to, out bool crlf)
    {
        // '\n' never occurs inside a multi-byte UTF-8 sequence, so splitting on the byte is safe.
        crlf = to > from && _buffer[to - 1] == (byte)'\r';
        if (crlf)
        {
            to--;
        }

        var span = _buffer.AsSpan(from, to - from);
        if (from == 0 && _bufferOffset == 0 && span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        return Encoding.UTF8.GetString(span);
    }

    private void Fill(ref int scanFrom)
    {
        if (_start > 0)
        {
            var pending = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _bufferOffset += _start;
            scanFrom -= _start;
            _end = pending;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
