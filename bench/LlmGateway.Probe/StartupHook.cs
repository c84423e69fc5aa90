using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

#pragma warning disable CA1050 // The runtime finds a startup hook by this exact name outside any namespace.

/// <summary>
/// A per-process probe for the gateway benchmark, injected with <c>DOTNET_STARTUP_HOOKS</c> into a gateway of any
/// commit (it needs nothing of the gateway): once a second it appends to <c>GATEWAY_PROBE_OUT</c> the requests
/// ASP.NET Core has served so far (its hosting event source's <c>total-requests</c>), the bytes this process has
/// allocated and the CPU time it has used, so bytes and CPU per request can be read for this process alone, whatever
/// else the machine runs. With <c>GATEWAY_PROBE_TYPES=1</c> it also samples allocations by type (the runtime's
/// allocation ticks, about one per 100 KB) and writes the totals on exit and every ten seconds to the same path plus
/// <c>.types</c>.
/// </summary>
internal static class StartupHook
{
    private static ProbeListener? _listener;
    private static Timer? _timer;

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("GATEWAY_PROBE_OUT");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var types = Environment.GetEnvironmentVariable("GATEWAY_PROBE_TYPES") == "1";
        _listener = new ProbeListener(types);
        var started = Stopwatch.GetTimestamp();
        var ticks = 0;
        _timer = new Timer(_ =>
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{Stopwatch.GetElapsedTime(started).TotalSeconds:F1} {_listener.TotalRequests:F0} {GC.GetTotalAllocatedBytes()} {Environment.CpuUsage.TotalTime.TotalMilliseconds:F0}{Environment.NewLine}");
            File.AppendAllText(path, line);
            if (types && ++ticks % 10 == 0)
            {
                _listener.WriteTypes(path + ".types");
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private sealed class ProbeListener(bool types) : EventListener
    {
        private readonly ConcurrentDictionary<string, long> _bytesByType = new();

        public double TotalRequests { get; private set; }

        public void WriteTypes(string path) =>
            File.WriteAllLines(path, _bytesByType.OrderByDescending(kv => kv.Value).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} {kv.Key}")));

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft.AspNetCore.Hosting")
            {
                EnableEvents(eventSource, EventLevel.Informational, EventKeywords.None, new Dictionary<string, string?> { ["EventCounterIntervalSec"] = "1" });
            }
            else if (eventSource.Name == "Microsoft-Windows-DotNETRuntime" && types)
            {
                // GC keyword at verbose: GCAllocationTick events.
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "EventCounters" && eventData.Payload is [IDictionary<string, object?> counter, ..]
                && counter.TryGetValue("Name", out var name) && (string?)name == "total-requests"
                && counter.TryGetValue("Mean", out var mean) && mean is double value)
            {
                TotalRequests = value;
            }
            else if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.PayloadNames is { } names)
            {
                var typeName = eventData.Payload![names.IndexOf("TypeName")] as string ?? "?";
                var amountIndex = names.IndexOf("AllocationAmount64");
                var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture) : 100_000;
                _bytesByType.AddOrUpdate(typeName, amount, (_, total) => total + amount);
            }
        }
    }
}
