using System.ComponentModel.DataAnnotations;

namespace Agentic.BatchService.Options;

/// <summary>One PostgreSQL result sink (Batch:ResultSinks:&lt;name&gt;).</summary>
public sealed class ResultSinkOptions
{
    /// <summary>Name of the connection string (ConnectionStrings:&lt;name&gt;), as the AppHost's database reference provides it.</summary>
    [Required]
    public string ConnectionName { get; set; } = string.Empty;

    /// <summary>Table the results are upserted into; created when missing.</summary>
    [Required]
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    public string Table { get; set; } = "batch_results";
}
