using Agentic.Telemetry;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using SecretsManagerSecret = Amazon.CDK.AWS.SecretsManager.Secret;

namespace Agentic.Deploy;

/// <summary>
/// The LLM gateway: Fargate tasks behind an internal load balancer (health-checked on /health), its shared
/// rate-limit state in ElastiCache Redis, and the provider keys from Secrets Manager, injected into the gateway's
/// container only (by the execution role, never as plain environment values).
/// </summary>
public sealed class LlmGatewayService : Construct
{
    public const string Service = "llm-gateway";
    public const int ListenerPort = 80;
    public const int ContainerPort = 8080;
    public const int RedisPort = 6379;

    /// <summary>Providers whose keys the gateway reads; the secret holds one JSON field per provider.</summary>
    public static readonly IReadOnlyList<string> Providers = ["openai", "anthropic", "gemini"];

    public LlmGatewayService(Construct scope, string id, int cpu = 1024, int memoryMiB = 2048, int minTasks = 2, int maxTasks = 6)
        : base(scope, id)
    {
        var platform = AgenticPlatform.Of(this);
        var logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = $"/agentic/{Service}",
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        // Created with empty fields (a provider without a key is served by the simulated one); operators put
        // the real keys with `aws secretsmanager put-secret-value`, so they never pass through this code.
        ProviderKeys = new SecretsManagerSecret(this, "ProviderKeys", new SecretProps
        {
            SecretName = "agentic/llm-gateway/provider-keys",
            Description = "LLM provider API keys, one JSON field per provider; read by the gateway only",
            GenerateSecretString = new SecretStringGenerator
            {
                SecretStringTemplate = "{" + string.Join(",", Providers.Select(provider => $"\"{provider}\":\"\"")) + "}",
                GenerateStringKey = "unused",
            },
        });

        Task = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps { Cpu = cpu, MemoryLimitMiB = memoryMiB });
        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = platform.Vpc,
            AllowAllOutbound = false,
            Description = "llm-gateway: ingress from its load balancer only; egress to providers (HTTPS) and Redis",
        });
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "LLM providers and AWS APIs");
        var redis = new GatewayRedis(this, "Redis", platform.Vpc, SecurityGroup);

        var environment = AgenticPlatform.TelemetryEnvironment(Service);
        environment["ASPNETCORE_HTTP_PORTS"] = ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["ConnectionStrings__redis"] = redis.ConnectionString;
        Container = Task.AddContainer(Service, new ContainerDefinitionOptions
        {
            Image = platform.ImageOf(this, Service),
            Environment = environment,
            Secrets = Providers.ToDictionary(
                provider => $"LlmGateway__Providers__{provider}__ApiKey",
                provider => EcsSecret.FromSecretsManager(ProviderKeys, provider)),
            PortMappings = [new PortMapping { ContainerPort = ContainerPort }],
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = Service }),
        });
        platform.AddCollector(Task, logs);

        LoadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = platform.Vpc,
            InternetFacing = false,
            SecurityGroup = new SecurityGroup(this, "LoadBalancerSecurityGroup", new SecurityGroupProps
            {
                Vpc = platform.Vpc,
                AllowAllOutbound = false,
                Description = "llm-gateway load balancer: ingress from its callers only",
            }),
        });
        var listener = LoadBalancer.AddListener("Http", new BaseApplicationListenerProps { Port = ListenerPort, Open = false });

        Fargate = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = platform.Cluster,
            TaskDefinition = Task,
            DesiredCount = minTasks,
            SecurityGroups = [SecurityGroup],
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
            MinHealthyPercent = 100,
        });
        var targets = listener.AddTargets("Gateway", new AddApplicationTargetsProps
        {
            Port = ContainerPort,
            Protocol = ApplicationProtocol.HTTP,
            Targets = [Fargate],
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck { Path = "/health", HealthyHttpCodes = "200" },
            DeregistrationDelay = Duration.Seconds(30),
        });
        var scaling = Fargate.AutoScaleTaskCount(new Amazon.CDK.AWS.ApplicationAutoScaling.EnableScalingProps { MinCapacity = minTasks, MaxCapacity = maxTasks });
        scaling.ScaleOnCpuUtilization("Cpu", new CpuUtilizationScalingProps { TargetUtilizationPercent = 60 });

        UnhealthyAlarm = new Alarm(this, "UnhealthyTargets", new AlarmProps
        {
            AlarmName = $"{Service}-unhealthy-targets",
            AlarmDescription = "Gateway tasks fail their /health check (Redis unreachable, start-up failure). Runbook: docs/operations.md#unhealthy-targets",
            Metric = targets.Metrics.UnhealthyHostCount(new MetricOptions { Period = Duration.Minutes(1), Statistic = Stats.MAXIMUM }),
            Threshold = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            EvaluationPeriods = 5,
            DatapointsToAlarm = 5,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        UnhealthyAlarm.AddAlarmAction(new Amazon.CDK.AWS.CloudWatch.Actions.SnsAction(platform.AlarmTopic));

        if (platform.Settings.CostAlarmUsdPerHour is { } usdPerHour)
        {
            var cost = new Alarm(this, "Cost", new AlarmProps
            {
                AlarmName = $"{Service}-cost",
                AlarmDescription = $"LLM calls cost over {usdPerHour} USD in an hour. Runbook: docs/operations.md#cost",
                Metric = AgenticMetrics.Service(GatewayMetricNames.Cost, Service, Stats.SUM, periodMinutes: 60),
                Threshold = usdPerHour,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                EvaluationPeriods = 1,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });
            cost.AddAlarmAction(new Amazon.CDK.AWS.CloudWatch.Actions.SnsAction(platform.AlarmTopic));
        }

        platform.Gateway = this;
        platform.Dashboard.AddWidgets(DashboardWidgets());
    }

    public SecretsManagerSecret ProviderKeys { get; }

    public FargateTaskDefinition Task { get; }

    public ContainerDefinition Container { get; }

    public SecurityGroup SecurityGroup { get; }

    public ApplicationLoadBalancer LoadBalancer { get; }

    public FargateService Fargate { get; }

    public Alarm UnhealthyAlarm { get; }

    /// <summary>What workers put in <c>LlmGateway__BaseUrl</c>.</summary>
    public string BaseUrl => $"http://{LoadBalancer.LoadBalancerDnsName}";

    /// <summary>Lets a caller in: its key (from its own secret) becomes one of the gateway's caller keys.</summary>
    public void AddCaller(string caller, ISecret key) =>
        Container.AddSecret($"LlmGateway__Callers__{caller}__ApiKey", EcsSecret.FromSecretsManager(key));

    private static IWidget[] DashboardWidgets()
    {
        Metric M(string name, string statistic) => AgenticMetrics.Service(name, Service, statistic);
        return
        [
            new TextWidget(new TextWidgetProps { Markdown = $"## {Service}", Width = 24, Height = 1 }),
            WorkerDashboardRow.Graph("gateway: requests", [M(GatewayMetricNames.Requests, Stats.SUM)], [M(GatewayMetricNames.RateLimited, Stats.SUM)]),
            WorkerDashboardRow.Graph("gateway: retries and failovers", [M(GatewayMetricNames.Retries, Stats.SUM), M(GatewayMetricNames.Failovers, Stats.SUM)]),
            WorkerDashboardRow.Graph("gateway: tokens", [M(GatewayMetricNames.InputTokens, Stats.SUM), M(GatewayMetricNames.OutputTokens, Stats.SUM)]),
            WorkerDashboardRow.Graph("gateway: request duration (s)", [M(GatewayMetricNames.RequestDuration, Stats.AVERAGE), M(GatewayMetricNames.RequestDuration, Stats.MAXIMUM)]),
            WorkerDashboardRow.Graph("gateway: admissions, queue wait (s)", [M(GatewayMetricNames.Admissions, Stats.SUM)], [M(GatewayMetricNames.QueueWait, Stats.AVERAGE)]),
            WorkerDashboardRow.Graph("gateway: upstream errors", [M(GatewayMetricNames.UpstreamErrors, Stats.SUM)]),
            WorkerDashboardRow.Graph("gateway: cost (USD)", [M(GatewayMetricNames.Cost, Stats.SUM)]),
            WorkerDashboardRow.Graph("GenAI: operation duration (s)", [M(GenAiMetricNames.OperationDuration, Stats.AVERAGE), M(GenAiMetricNames.OperationDuration, Stats.MAXIMUM)]),
            WorkerDashboardRow.Graph("GenAI: token usage", [M(GenAiMetricNames.TokenUsage, Stats.SUM)]),
        ];
    }
}
