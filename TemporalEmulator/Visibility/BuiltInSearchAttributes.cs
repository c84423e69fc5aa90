using Temporalio.Api.Enums.V1;

namespace Agentic.Emulator.Visibility;

/// <summary>The system search attributes the emulator knows about, and their types.</summary>
internal static class BuiltInSearchAttributes
{
    public static IReadOnlyDictionary<string, IndexedValueType> Types { get; } = new Dictionary<string, IndexedValueType>(StringComparer.Ordinal)
    {
        ["WorkflowId"] = IndexedValueType.Keyword,
        ["RunId"] = IndexedValueType.Keyword,
        ["WorkflowType"] = IndexedValueType.Keyword,
        ["ExecutionStatus"] = IndexedValueType.Keyword,
        ["StartTime"] = IndexedValueType.Datetime,
        ["CloseTime"] = IndexedValueType.Datetime,
        ["ExecutionTime"] = IndexedValueType.Datetime,
        ["TaskQueue"] = IndexedValueType.Keyword,
        ["HistoryLength"] = IndexedValueType.Int,
        ["TemporalChangeVersion"] = IndexedValueType.KeywordList,
    };
}
