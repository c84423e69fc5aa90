using System.Globalization;
using Constructs;

namespace Agentic.Deploy;

/// <summary>
/// What a deployment needs from its operator, read from CDK context (<c>cdk.json</c> or
/// <c>cdk synth -c temporalAddress=temporal.internal:7233 -c imageTag=1.4.0</c>). Temporal is an existing cluster.
/// </summary>
public sealed record DeploySettings
{
    public const string TemporalAddressKey = "temporalAddress";
    public const string TemporalNamespaceKey = "temporalNamespace";
    public const string ImageTagKey = "imageTag";
    public const string ImageRepositoryPrefixKey = "imageRepositoryPrefix";
    public const string AlarmEmailKey = "alarmEmail";
    public const string CostAlarmUsdPerHourKey = "costAlarmUsdPerHour";

    /// <summary>host:port of the Temporal frontend the workers poll.</summary>
    public required string TemporalAddress { get; init; }

    public string TemporalNamespace { get; init; } = "default";

    /// <summary>The tag of every service image (the version the images were published with).</summary>
    public required string ImageTag { get; init; }

    /// <summary>ECR repositories are named <c>{prefix}/{service}</c>.</summary>
    public string ImageRepositoryPrefix { get; init; } = "agentic";

    /// <summary>Where alarms are mailed; without it they still go to the SNS topic.</summary>
    public string? AlarmEmail { get; init; }

    /// <summary>LLM spend (the gateway's <c>llm_gateway.cost</c>) per hour above which the cost alarm fires; none when unset.</summary>
    public double? CostAlarmUsdPerHour { get; init; }

    public int TemporalPort => int.Parse(TemporalAddress[(TemporalAddress.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Reads and checks the settings; a missing or malformed value fails the synth naming it.</summary>
    public static DeploySettings FromContext(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var settings = new DeploySettings
        {
            TemporalAddress = Required(node, TemporalAddressKey, "temporal.internal:7233"),
            ImageTag = Required(node, ImageTagKey, "1.0.0"),
            TemporalNamespace = Optional(node, TemporalNamespaceKey) ?? "default",
            ImageRepositoryPrefix = Optional(node, ImageRepositoryPrefixKey) ?? "agentic",
            AlarmEmail = Optional(node, AlarmEmailKey),
            CostAlarmUsdPerHour = Optional(node, CostAlarmUsdPerHourKey) is { } cost
                ? double.TryParse(cost, NumberStyles.Float, CultureInfo.InvariantCulture, out var usd) && usd > 0
                    ? usd
                    : throw new ArgumentException($"Context value '{CostAlarmUsdPerHourKey}' must be a positive number of USD (got '{cost}').")
                : null,
        };
        settings.Validate();
        return settings;
    }

    public void Validate()
    {
        var colon = TemporalAddress.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(TemporalAddress[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"Context value '{TemporalAddressKey}' must be host:port (got '{TemporalAddress}').");
        }
    }

    private static string Required(Node node, string key, string example) =>
        Optional(node, key)
        ?? throw new ArgumentException(
            $"Missing required context value '{key}': pass it with `cdk synth -c {key}={example}` or set it in cdk.json.");

    private static string? Optional(Node node, string key) =>
        node.TryGetContext(key) is { } value && value.ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
