using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;

namespace Agentic.Deploy;

/// <summary>
/// What every service shares: network, ECS cluster, the metrics log group the collectors write to, the alarm
/// topic and the dashboard. One per stack, found by the services through <see cref="Of"/>, so a worker needs
/// nothing but its own few settings.
/// </summary>
public sealed class AgenticPlatform : Construct
{
    public const string ConstructId = "Platform";

    public AgenticPlatform(Construct scope, DeploySettings settings)
        : base(scope, ConstructId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        Vpc = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });
        Cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = Vpc, ContainerInsights = true });
        MetricsLogGroup = new LogGroup(this, "Metrics", new LogGroupProps
        {
            LogGroupName = "/agentic/metrics",
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        AlarmTopic = new Topic(this, "Alarms", new TopicProps { DisplayName = "Agentic alarms" });
        if (settings.AlarmEmail is { } email)
        {
            AlarmTopic.AddSubscription(new EmailSubscription(email));
        }

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DashboardName = "Agentic" });
    }

    public DeploySettings Settings { get; }

    public Vpc Vpc { get; }

    public Cluster Cluster { get; }

    public LogGroup MetricsLogGroup { get; }

    public Topic AlarmTopic { get; }

    public Dashboard Dashboard { get; }

    /// <summary>Set by <see cref="LlmGatewayService"/>; workers that call LLMs need it.</summary>
    public LlmGatewayService? Gateway { get; internal set; }

    /// <summary>Set by <see cref="PostgresDatabase"/>; workers that keep state in PostgreSQL need it.</summary>
    public PostgresDatabase? Database { get; internal set; }

    /// <summary>The stack's platform; a clear error when the stack has none.</summary>
    public static AgenticPlatform Of(Construct scope) =>
        Stack.Of(scope).Node.TryFindChild(ConstructId) as AgenticPlatform
        ?? throw new InvalidOperationException($"Create an {nameof(AgenticPlatform)} in the stack before its services.");

    /// <summary>The image of one service: ECR repository {prefix}/{service}, tagged with the release.</summary>
    public ContainerImage ImageOf(Construct scope, string service) =>
        ContainerImage.FromEcrRepository(
            Amazon.CDK.AWS.ECR.Repository.FromRepositoryName(scope, "Repository", $"{Settings.ImageRepositoryPrefix}/{service}"),
            Settings.ImageTag);

    /// <summary>
    /// Environment shared by every service container: where to send telemetry and under which name, and console
    /// logs as JSON with their scopes (WorkflowId, RunId, ...) so CloudWatch Logs Insights can filter on them.
    /// </summary>
    public static Dictionary<string, string> TelemetryEnvironment(string service) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = CollectorConfig.OtlpEndpoint,
        ["OTEL_SERVICE_NAME"] = service,
        ["Logging__Console__FormatterName"] = "json",
        ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
    };

    /// <summary>The collector sidecar; not essential, so a collector crash never stops the service.</summary>
    public void AddCollector(FargateTaskDefinition task, LogGroup logs)
    {
        ArgumentNullException.ThrowIfNull(task);
        MetricsLogGroup.GrantWrite(task.TaskRole);
        // X-Ray has no resource-level permissions for these two actions.
        task.TaskRole.AddToPrincipalPolicy(new Amazon.CDK.AWS.IAM.PolicyStatement(new Amazon.CDK.AWS.IAM.PolicyStatementProps
        {
            Actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            Resources = ["*"],
        }));
        task.AddContainer("otel-collector", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(CollectorConfig.Image),
            Essential = false,
            MemoryReservationMiB = 64,
            Environment = new Dictionary<string, string> { ["AOT_CONFIG_CONTENT"] = CollectorConfig.Yaml(MetricsLogGroup.LogGroupName) },
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = "otel-collector" }),
        });
    }
}
