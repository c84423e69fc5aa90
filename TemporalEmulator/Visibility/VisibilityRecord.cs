using System.Globalization;
using System.Text.Json;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Workflow.V1;

namespace Agentic.Emulator.Visibility;

/// <summary>One run as list queries see it: system fields plus decoded custom search attributes.</summary>
internal sealed class VisibilityRecord(WorkflowExecutionInfo info)
{
    public WorkflowExecutionInfo Info { get; } = info;

    /// <summary>The field's value: string, long, double, bool, DateTime, or a list of those; null when absent.</summary>
    public object? Get(string field) => field switch
    {
        "WorkflowId" => Info.Execution.WorkflowId,
        "RunId" => Info.Execution.RunId,
        "WorkflowType" => Info.Type.Name,
        "TaskQueue" => Info.TaskQueue,
        "ExecutionStatus" => StatusName(Info.Status),
        "StartTime" => Info.StartTime.ToDateTime(),
        "ExecutionTime" => Info.ExecutionTime?.ToDateTime(),
        "CloseTime" => Info.CloseTime?.ToDateTime(),
        "HistoryLength" => Info.HistoryLength,
        "ParentWorkflowId" => Info.ParentExecution?.WorkflowId,
        "RootWorkflowId" => Info.RootExecution?.WorkflowId,
        _ => Info.SearchAttributes?.IndexedFields.TryGetValue(field, out var payload) == true ? Decode(payload) : null,
    };

    public static string StatusName(WorkflowExecutionStatus status) => status switch
    {
        WorkflowExecutionStatus.Running => "Running",
        WorkflowExecutionStatus.Completed => "Completed",
        WorkflowExecutionStatus.Failed => "Failed",
        WorkflowExecutionStatus.Canceled => "Canceled",
        WorkflowExecutionStatus.Terminated => "Terminated",
        WorkflowExecutionStatus.ContinuedAsNew => "ContinuedAsNew",
        WorkflowExecutionStatus.TimedOut => "TimedOut",
        _ => "Unspecified",
    };

    private static object? Decode(Payload payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.Data.Memory);
            var type = payload.Metadata.TryGetValue("type", out var raw) ? raw.ToStringUtf8() : string.Empty;
            return FromJson(document.RootElement, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object? FromJson(JsonElement element, string type) => element.ValueKind switch
    {
        JsonValueKind.String when type == "Datetime" && DateTime.TryParse(
            element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) => time,
        JsonValueKind.String when type == "Text" => new TextValue(element.GetString()!),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(item => FromJson(item, type)).ToList(),
        _ => null,
    };
}
