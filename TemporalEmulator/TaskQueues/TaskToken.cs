using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;

namespace Agentic.Emulator.TaskQueues;

/// <summary>What a task token names: a run, the task's scheduled event, the attempt, and for queries the query.</summary>
internal readonly record struct TaskToken(string RunId, long ScheduledEventId, int Attempt, long QueryId)
{
    public ByteString ToByteString()
    {
        var run = Encoding.UTF8.GetBytes(RunId);
        var bytes = new byte[run.Length + 20];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, ScheduledEventId);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), Attempt);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), QueryId);
        run.CopyTo(bytes.AsSpan(20));
        return ByteString.CopyFrom(bytes);
    }

    public static bool TryParse(ByteString token, out TaskToken parsed)
    {
        parsed = default;
        if (token.Length <= 20)
        {
            return false;
        }

        var span = token.Span;
        parsed = new TaskToken(
            Encoding.UTF8.GetString(span[20..]),
            BinaryPrimitives.ReadInt64LittleEndian(span),
            BinaryPrimitives.ReadInt32LittleEndian(span[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[12..]));
        return true;
    }
}
