using System.Diagnostics;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>
/// Span sources and trace-context propagation for Temporal calls. The span names follow Temporal's
/// official OpenTelemetry extension ("StartWorkflow:Type", "RunActivity:Type", ...) so dashboards and
/// queries keep working when that package becomes available here and replaces this one.
/// </summary>
public static class TemporalTracing
{
    /// <summary>The Temporal header that carries the W3C trace context from caller to workflow to activity.</summary>
    public const string HeaderKey = "_tracer-data";

    public const string WorkflowIdTag = "temporalWorkflowID";
    public const string RunIdTag = "temporalRunID";
    public const string ActivityIdTag = "temporalActivityID";
    public const string AttemptTag = "temporalAttempt";

    public static readonly ActivitySource Client = new("Temporalio.Client");
    public static readonly ActivitySource Workflow = new("Temporalio.Workflow");
    public static readonly ActivitySource Activity = new("Temporalio.Activity");

    /// <summary>Headers plus the given span's context; the caller's other headers are kept.</summary>
    public static Dictionary<string, Payload> WithContext(IDictionary<string, Payload>? headers, ActivityContext context)
    {
        var result = headers is null ? [] : new Dictionary<string, Payload>(headers);
        if (context == default)
        {
            return result;
        }

        var carrier = new Dictionary<string, string>
        {
            ["traceparent"] = $"00-{context.TraceId}-{context.SpanId}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}",
        };
        if (!string.IsNullOrEmpty(context.TraceState))
        {
            carrier["tracestate"] = context.TraceState;
        }

        result[HeaderKey] = DataConverter.Default.PayloadConverter.ToPayload(carrier);
        return result;
    }

    /// <summary>The trace context a caller put in the headers, or default when there is none or it is unreadable.</summary>
    public static ActivityContext ContextFrom(IReadOnlyDictionary<string, Payload>? headers)
    {
        if (headers is null || !headers.TryGetValue(HeaderKey, out var payload))
        {
            return default;
        }

        try
        {
            var carrier = DataConverter.Default.PayloadConverter.ToValue<Dictionary<string, string>>(payload);
            carrier.TryGetValue("tracestate", out var traceState);
            return carrier.TryGetValue("traceparent", out var traceParent)
                && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context)
                ? context
                : default;
        }
        catch (InvalidOperationException)
        {
            // A header written by something else must not fail the workflow or the activity.
            return default;
        }
        catch (System.Text.Json.JsonException)
        {
            return default;
        }
    }
}
