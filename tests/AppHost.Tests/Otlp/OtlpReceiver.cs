using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agentic.AppHost.Tests.Otlp;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on loopback: what every process of the system exports, kept in memory
/// for assertions (for metrics, which instruments of which meter each process exported).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private static readonly byte[] EmptyResponse = [];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();
    private readonly ConcurrentDictionary<ReceivedMetric, bool> _metrics = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>Where the exporters send to (OTEL_EXPORTER_OTLP_ENDPOINT; they add /v1/traces and so on).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public IReadOnlyCollection<ReceivedLog> Logs => _logs;

    /// <summary>Each (service, meter, instrument) exported at least once.</summary>
    public IReadOnlyList<ReceivedMetric> Metrics => [.. _metrics.Keys];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async context =>
        {
            receiver.Add(ExportTraceServiceRequest.Parser.ParseFrom(await ReadBodyAsync(context.Request)));
            await RespondAsync(context.Response);
        });
        app.MapPost("/v1/logs", async context =>
        {
            receiver.Add(ExportLogsServiceRequest.Parser.ParseFrom(await ReadBodyAsync(context.Request)));
            await RespondAsync(context.Response);
        });
        app.MapPost("/v1/metrics", async context =>
        {
            receiver.Add(ExportMetricsServiceRequest.Parser.ParseFrom(await ReadBodyAsync(context.Request)));
            await RespondAsync(context.Response);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    public IReadOnlyList<ReceivedSpan> SpansOf(string traceId) => [.. _spans.Where(span => span.TraceId == traceId)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }

    private static async Task RespondAsync(HttpResponse response)
    {
        // An empty export response is an empty message: zero bytes, which also means "nothing rejected".
        response.ContentType = "application/x-protobuf";
        await response.Body.WriteAsync(EmptyResponse);
    }

    private void Add(ExportTraceServiceRequest request)
    {
        foreach (var resource in request.ResourceSpans)
        {
            var service = ServiceName(resource.Resource);
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    _spans.Enqueue(new ReceivedSpan(
                        service,
                        scope.Scope?.Name ?? string.Empty,
                        Hex(span.TraceId),
                        Hex(span.SpanId),
                        Hex(span.ParentSpanId),
                        span.Name,
                        (ReceivedSpanKind)span.Kind,
                        Attributes(span.Attributes)));
                }
            }
        }
    }

    private void Add(ExportLogsServiceRequest request)
    {
        foreach (var resource in request.ResourceLogs)
        {
            var service = ServiceName(resource.Resource);
            foreach (var scope in resource.ScopeLogs)
            {
                foreach (var record in scope.LogRecords)
                {
                    _logs.Enqueue(new ReceivedLog(
                        service,
                        scope.Scope?.Name ?? string.Empty,
                        record.SeverityNumber,
                        Text(record.Body),
                        Hex(record.TraceId),
                        Hex(record.SpanId),
                        Attributes(record.Attributes)));
                }
            }
        }
    }

    private void Add(ExportMetricsServiceRequest request)
    {
        foreach (var resource in request.ResourceMetrics)
        {
            var service = ServiceName(resource.Resource);
            foreach (var scope in resource.ScopeMetrics)
            {
                foreach (var metric in scope.Metrics)
                {
                    _metrics.TryAdd(new ReceivedMetric(service, scope.Scope?.Name ?? string.Empty, metric.Name), true);
                }
            }
        }
    }

    private static string ServiceName(OtlpResource? resource) =>
        resource is null ? string.Empty : Attributes(resource.Attributes).GetValueOrDefault("service.name", string.Empty);

    private static Dictionary<string, string> Attributes(RepeatedField<KeyValue> attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            result[attribute.Key] = Text(attribute.Value);
        }

        return result;
    }

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
