using System.ComponentModel.DataAnnotations;

namespace Agentic.BatchService.Options;

/// <summary>Where the LLM gateway is and the batch service's caller key (section "LlmGateway").</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "LlmGateway";

    [Required]
    public Uri? BaseUrl { get; set; }

    [Required]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Per-call timeout; a timed-out call is a retryable row error.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);
}
