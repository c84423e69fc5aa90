namespace Agentic.BatchService.Activities;

/// <summary>Field names of a chunk file's pair records.</summary>
internal static class ShadowPairFields
{
    public const string RowId = "row_id";
    public const string Category = "category";
    public const string Baseline = "baseline";
    public const string Candidate = "candidate";
    public const string Error = "error";
}
