using System.Text.Json;

namespace Agentic.Deploy.Tests;

[Collection(SynthesizedStackCollection.Name)]
public class WorkerAlarmsTests(SynthesizedStack stack)
{
    [Theory]
    [InlineData("batch-service")]
    [InlineData("eval-service")]
    [InlineData("approval-service")]
    public void Create_EachWorker_SixAlarmsWithTheirThresholdsAndTheAlarmTopic(string service)
    {
        var alarms = stack.Resources("AWS::CloudWatch::Alarm")
            .Select(alarm => alarm.Properties)
            .Where(alarm => alarm.GetProperty("AlarmName").GetString()!.StartsWith(service + "-", StringComparison.Ordinal))
            .ToDictionary(alarm => alarm.GetProperty("AlarmName").GetString()![(service.Length + 1)..]);

        Assert.Equal(
            ["activity-failure-rate", "activity-schedule-to-start", "memory", "worker-down", "workflow-task-failures", "workflow-task-schedule-to-start"],
            alarms.Keys.Order());
        AssertAlarm(alarms["worker-down"], 1, "LessThanThreshold", "breaching");
        AssertAlarm(alarms["workflow-task-schedule-to-start"], 5000, "GreaterThanThreshold", "notBreaching");
        AssertAlarm(alarms["activity-schedule-to-start"], 120_000, "GreaterThanThreshold", "notBreaching");
        AssertAlarm(alarms["activity-failure-rate"], 20, "GreaterThanThreshold", "notBreaching");
        AssertAlarm(alarms["workflow-task-failures"], 1, "GreaterThanOrEqualToThreshold", "notBreaching");
        AssertAlarm(alarms["memory"], 85, "GreaterThanThreshold", "notBreaching");
        Assert.Equal("temporal_workflow_task_schedule_to_start_latency", alarms["workflow-task-schedule-to-start"].GetProperty("MetricName").GetString());
        Assert.Equal("Agentic", alarms["workflow-task-schedule-to-start"].GetProperty("Namespace").GetString());
        Assert.All(alarms.Values, alarm =>
        {
            Assert.Contains("docs/operations.md#", alarm.GetProperty("AlarmDescription").GetString(), StringComparison.Ordinal);
            Assert.Contains(stack.LogicalIdOf(stack.Stack.Platform.AlarmTopic), alarm.GetProperty("AlarmActions").GetRawText(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Create_ActivityFailureRate_RatioOfFailedToAllAttempts()
    {
        var alarm = stack.Resources("AWS::CloudWatch::Alarm").Single(a => a.Properties.GetProperty("AlarmName").GetString() == "batch-service-activity-failure-rate").Properties;

        var metrics = alarm.GetProperty("Metrics").GetRawText();
        Assert.Contains("temporal_activity_execution_failed", metrics, StringComparison.Ordinal);
        Assert.Contains("temporal_activity_execution_latency", metrics, StringComparison.Ordinal);
        Assert.Contains("SampleCount", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void LlmGatewayService_Targets_UnhealthyTargetsAlarm()
    {
        var alarm = stack.Resources("AWS::CloudWatch::Alarm").Single(a => a.Properties.GetProperty("AlarmName").GetString() == "llm-gateway-unhealthy-targets").Properties;

        AssertAlarm(alarm, 1, "GreaterThanOrEqualToThreshold", "notBreaching");
        Assert.Equal("UnHealthyHostCount", alarm.GetProperty("MetricName").GetString());
        Assert.Equal("AWS/ApplicationELB", alarm.GetProperty("Namespace").GetString());
    }

    [Fact]
    public void LlmGatewayService_CostAlarmSet_HourlySpendOfTheGatewaysCostMetric()
    {
        var alarm = stack.Resources("AWS::CloudWatch::Alarm").Single(a => a.Properties.GetProperty("AlarmName").GetString() == "llm-gateway-cost").Properties;

        AssertAlarm(alarm, 25, "GreaterThanThreshold", "notBreaching");
        Assert.Equal("llm_gateway.cost", alarm.GetProperty("MetricName").GetString());
        Assert.Equal(3600, alarm.GetProperty("Period").GetInt32());
        Assert.Equal("Sum", alarm.GetProperty("Statistic").GetString());
    }

    private static void AssertAlarm(JsonElement alarm, double threshold, string comparison, string missing)
    {
        Assert.Equal(threshold, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal(comparison, alarm.GetProperty("ComparisonOperator").GetString());
        Assert.Equal(missing, alarm.GetProperty("TreatMissingData").GetString());
    }
}
