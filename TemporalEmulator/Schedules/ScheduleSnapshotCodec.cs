using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>A schedule snapshot as bytes for a document store: the protobuf messages length-prefixed, the rest as plain values.</summary>
internal static class ScheduleSnapshotCodec
{
    private const int Version = 1;

    public static byte[] Encode(ScheduleSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Version);
            writer.Write(snapshot.Namespace);
            writer.Write(snapshot.ScheduleId);
            writer.Write(snapshot.CreateRequestId);
            writer.Write(snapshot.LastProcessedTime.Ticks);
            writer.Write(snapshot.ConflictToken);
            WriteMessage(writer, snapshot.Schedule);
            WriteMessage(writer, snapshot.Info);
            WriteMessage(writer, snapshot.Memo);
            WriteMessage(writer, snapshot.SearchAttributes);
            WriteMessage(writer, snapshot.LastCompletionResult);
            WriteMessage(writer, snapshot.ContinuedFailure);
            writer.Write(snapshot.Buffer.Count);
            foreach (var start in snapshot.Buffer)
            {
                writer.Write(start.Nominal.Ticks);
                writer.Write(start.Actual.Ticks);
                writer.Write((int)start.OverlapPolicy);
                writer.Write(start.Manual);
            }
        }

        return stream.ToArray();
    }

    public static ScheduleSnapshot Decode(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data));
        var version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"schedule snapshot version {version} is not known");
        }

        var (ns, id, requestId) = (reader.ReadString(), reader.ReadString(), reader.ReadString());
        var lastProcessed = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
        var token = reader.ReadInt64();
        var schedule = ReadMessage(reader, Schedule.Parser) ?? new Schedule();
        var info = ReadMessage(reader, ScheduleInfo.Parser) ?? new ScheduleInfo();
        var memo = ReadMessage(reader, Memo.Parser);
        var attributes = ReadMessage(reader, SearchAttributes.Parser);
        var result = ReadMessage(reader, Payloads.Parser);
        var failure = ReadMessage(reader, Failure.Parser);
        var buffer = new List<BufferedStart>();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            buffer.Add(new BufferedStart(
                new DateTime(reader.ReadInt64(), DateTimeKind.Utc), new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
                (ScheduleOverlapPolicy)reader.ReadInt32(), reader.ReadBoolean()));
        }

        return new ScheduleSnapshot(ns, id, schedule, info, lastProcessed, buffer, token, memo, attributes, result, failure, requestId);
    }

    private static void WriteMessage(BinaryWriter writer, IMessage? message)
    {
        if (message is null)
        {
            writer.Write(-1);
            return;
        }

        var bytes = message.ToByteArray();
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static T? ReadMessage<T>(BinaryReader reader, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : parser.ParseFrom(reader.ReadBytes(length));
    }
}
