using Agentic.Emulator.Executions;
using Google.Protobuf;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Failure.V1;

namespace Agentic.Emulator.Persistence;

/// <summary>
/// The attempt state of a run's pending activities, which history does not hold (ActivityTaskStarted is written
/// only with the activity's outcome): attempt, phase, start, heartbeat, last failure, next attempt time.
/// </summary>
internal static class ActivitySnapshot
{
    private const int Version = 3;

    public static byte[] Write(IEnumerable<PendingActivity> activities)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        var list = activities.ToList();
        writer.Write(Version);
        writer.Write(list.Count);
        foreach (var activity in list)
        {
            writer.Write(activity.ScheduledEventId);
            writer.Write(activity.Attempt);
            writer.Write((int)activity.Phase);
            writer.Write(activity.AttemptScheduledTime.Ticks);
            WriteTime(writer, activity.StartedTime);
            writer.Write(activity.WorkerIdentity ?? string.Empty);
            writer.Write(activity.StartRequestId);
            writer.Write(activity.CancelRequested);
            writer.Write(activity.CancelRequestedEventId);
            WriteMessage(writer, activity.HeartbeatDetails);
            WriteTime(writer, activity.LastHeartbeatTime);
            WriteMessage(writer, activity.LastFailure);
            WriteTime(writer, activity.NextAttemptTime);
            writer.Write(activity.Paused);
            writer.Write(activity.PauseRequestId);
            WriteMessage(writer, activity.OptionsUpdated ? activity.Attributes : null);
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Applies stored attempt state to the activities rebuilt from history, matched by scheduled event id.</summary>
    public static void Apply(byte[] data, IReadOnlyDictionary<long, PendingActivity> activities)
    {
        using var reader = new BinaryReader(new MemoryStream(data));
        if (reader.ReadInt32() != Version)
        {
            return;
        }

        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var scheduledEventId = reader.ReadInt64();
            var attempt = reader.ReadInt32();
            var phase = (PendingActivityPhase)reader.ReadInt32();
            var attemptScheduled = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
            var started = ReadTime(reader);
            var identity = reader.ReadString();
            var requestId = reader.ReadString();
            var cancelRequested = reader.ReadBoolean();
            var cancelRequestedEventId = reader.ReadInt64();
            var heartbeat = ReadMessage(reader, Payloads.Parser);
            var lastHeartbeat = ReadTime(reader);
            var lastFailure = ReadMessage(reader, Failure.Parser);
            var nextAttempt = ReadTime(reader);
            var paused = reader.ReadBoolean();
            var pauseRequestId = reader.ReadString();
            var updatedOptions = ReadMessage(reader, Temporalio.Api.History.V1.ActivityTaskScheduledEventAttributes.Parser);
            if (!activities.TryGetValue(scheduledEventId, out var activity))
            {
                continue;
            }

            activity.Attempt = attempt;
            activity.Phase = phase;
            activity.AttemptScheduledTime = attemptScheduled;
            activity.StartedTime = started;
            activity.WorkerIdentity = identity.Length == 0 ? null : identity;
            activity.StartRequestId = requestId;
            activity.CancelRequested |= cancelRequested;
            activity.CancelRequestedEventId = Math.Max(activity.CancelRequestedEventId, cancelRequestedEventId);
            activity.HeartbeatDetails = heartbeat;
            activity.LastHeartbeatTime = lastHeartbeat;
            activity.LastFailure = lastFailure;
            activity.NextAttemptTime = nextAttempt;
            activity.Paused = paused;
            activity.PauseRequestId = pauseRequestId;
            if (updatedOptions is not null)
            {
                activity.Attributes = updatedOptions;
                activity.OptionsUpdated = true;
            }
        }
    }

    private static void WriteTime(BinaryWriter writer, DateTime? time) => writer.Write(time?.Ticks ?? 0L);

    private static DateTime? ReadTime(BinaryReader reader) => reader.ReadInt64() is var ticks && ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);

    private static void WriteMessage(BinaryWriter writer, IMessage? message)
    {
        var bytes = message?.ToByteArray();
        writer.Write(bytes?.Length ?? -1);
        if (bytes is not null)
        {
            writer.Write(bytes);
        }
    }

    private static T? ReadMessage<T>(BinaryReader reader, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : parser.ParseFrom(reader.ReadBytes(length));
    }
}
