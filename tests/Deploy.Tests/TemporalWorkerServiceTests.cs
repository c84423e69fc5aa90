using System.Text.Json;

namespace Agentic.Deploy.Tests;

[Collection(SynthesizedStackCollection.Name)]
public class TemporalWorkerServiceTests(SynthesizedStack stack)
{
    private static readonly string[] Workers = ["batch-service", "eval-service", "approval-service"];

    [Fact]
    public void TemporalWorkerService_ThreeWorkersAndGateway_OneServiceTaskAndLogGroupEach()
    {
        stack.Template.ResourceCountIs("AWS::ECS::Service", 4);
        stack.Template.ResourceCountIs("AWS::ECS::TaskDefinition", 4);
        foreach (var service in Workers.Append(LlmGatewayService.Service))
        {
            var logs = Assert.Single(stack.Resources("AWS::Logs::LogGroup"), group => group.Properties.GetProperty("LogGroupName").GetString() == $"/agentic/{service}");
            Assert.Equal(30, logs.Properties.GetProperty("RetentionInDays").GetInt32());
        }
    }

    [Fact]
    public void TemporalWorkerService_Batch_TemporalSettingsSizesAndCollector()
    {
        var task = TaskOf("batch-service");

        Assert.Equal("1024", task.GetProperty("Cpu").GetString());
        Assert.Equal("2048", task.GetProperty("Memory").GetString());
        var containers = task.GetProperty("ContainerDefinitions").EnumerateArray().ToList();
        var app = Assert.Single(containers, container => container.GetProperty("Name").GetString() == "batch-service");
        var environment = EnvironmentOf(app);
        Assert.Equal(SynthesizedStack.TemporalAddress, environment["TEMPORAL_ADDRESS"]);
        Assert.Equal("default", environment["TEMPORAL_NAMESPACE"]);
        Assert.Equal("batch-service", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("true", environment["Logging__Console__FormatterOptions__IncludeScopes"]);
        var collector = Assert.Single(containers, container => container.GetProperty("Name").GetString() == "otel-collector");
        Assert.False(collector.GetProperty("Essential").GetBoolean());
    }

    [Fact]
    public void TemporalWorkerService_EachWorker_ScalesBetweenItsMinAndMax()
    {
        var targets = stack.Resources("AWS::ApplicationAutoScaling::ScalableTarget").ToList();

        Assert.Equal(4, targets.Count);
        Assert.All(targets, target => Assert.True(target.Properties.GetProperty("MaxCapacity").GetInt32() > target.Properties.GetProperty("MinCapacity").GetInt32()));
        Assert.True(stack.Resources("AWS::ApplicationAutoScaling::ScalingPolicy").Count() >= 7);
    }

    [Fact]
    public void TemporalWorkerService_TaskRole_WritesMetricsAndTracesOnly()
    {
        var role = stack.LogicalIdOf(stack.Stack.Batch.Task.TaskRole);

        var actions = stack.Resources("AWS::IAM::Policy")
            .Where(policy => policy.Properties.GetProperty("Roles").EnumerateArray().Any(r => r.GetProperty("Ref").GetString() == role))
            .SelectMany(policy => policy.Properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            .SelectMany(statement => statement.GetProperty("Action").ValueKind == JsonValueKind.Array
                ? statement.GetProperty("Action").EnumerateArray().Select(action => action.GetString()!)
                : [statement.GetProperty("Action").GetString()!])
            .Order()
            .ToList();

        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTelemetryRecords", "xray:PutTraceSegments"], actions);
    }

    internal JsonElement TaskOf(string service) =>
        stack.Resources("AWS::ECS::TaskDefinition")
            .Single(task => task.Properties.GetProperty("ContainerDefinitions").EnumerateArray().Any(container => container.GetProperty("Name").GetString() == service))
            .Properties;

    internal static Dictionary<string, string> EnvironmentOf(JsonElement container) =>
        container.TryGetProperty("Environment", out var environment)
            ? environment.EnumerateArray().ToDictionary(
                variable => variable.GetProperty("Name").GetString()!,
                variable => variable.GetProperty("Value").ValueKind == JsonValueKind.String ? variable.GetProperty("Value").GetString()! : variable.GetProperty("Value").GetRawText())
            : [];
}
