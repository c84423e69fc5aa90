using System.Text.Json;

namespace Agentic.Deploy.Tests;

/// <summary>
/// The gateway's own infrastructure and the database: an internal load balancer whose targets are judged by
/// <c>/health</c>, ElastiCache Redis for the shared limits (encrypted, in the gateway's connection string), the
/// workers pointed at the load balancer, and one RDS PostgreSQL for the services that keep state.
/// </summary>
[Collection(SynthesizedStackCollection.Name)]
public class LlmGatewayServiceTests(SynthesizedStack stack)
{
    private readonly TemporalWorkerServiceTests _tasks = new(stack);

    [Fact]
    public void LlmGatewayService_LoadBalancer_InternalWithTargetsCheckedOnHealth()
    {
        var balancer = Assert.Single(stack.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        var targets = Assert.Single(stack.Resources("AWS::ElasticLoadBalancingV2::TargetGroup"));
        var listener = Assert.Single(stack.Resources("AWS::ElasticLoadBalancingV2::Listener"));

        Assert.Equal("internal", balancer.Properties.GetProperty("Scheme").GetString());
        Assert.Equal("/health", targets.Properties.GetProperty("HealthCheckPath").GetString());
        Assert.Equal("200", targets.Properties.GetProperty("Matcher").GetProperty("HttpCode").GetString());
        Assert.Equal(LlmGatewayService.ContainerPort, targets.Properties.GetProperty("Port").GetInt32());
        Assert.Equal(LlmGatewayService.ListenerPort, listener.Properties.GetProperty("Port").GetInt32());
    }

    [Fact]
    public void LlmGatewayService_Redis_EncryptedElastiCacheInTheGatewaysConnectionStringOnly()
    {
        var redis = Assert.Single(stack.Resources("AWS::ElastiCache::ReplicationGroup")).Properties;
        var gateway = Container(LlmGatewayService.Service);

        Assert.Equal("redis", redis.GetProperty("Engine").GetString());
        Assert.True(redis.GetProperty("TransitEncryptionEnabled").GetBoolean());
        Assert.True(redis.GetProperty("AtRestEncryptionEnabled").GetBoolean());
        Assert.True(redis.GetProperty("AutomaticFailoverEnabled").GetBoolean());
        var connection = gateway.GetProperty("Environment").EnumerateArray()
            .Single(variable => variable.GetProperty("Name").GetString() == "ConnectionStrings__redis")
            .GetProperty("Value").GetRawText();
        Assert.Contains("PrimaryEndPoint.Address", connection, StringComparison.Ordinal);
        Assert.Contains("ssl=true", connection, StringComparison.Ordinal);
        Assert.All(
            ["batch-service", "eval-service", "approval-service"],
            worker => Assert.DoesNotContain("ConnectionStrings__redis", TemporalWorkerServiceTests.EnvironmentOf(Container(worker)).Keys));
    }

    [Fact]
    public void TemporalWorkerService_GatewayCallers_BaseUrlIsTheLoadBalancerAndKeyASecret()
    {
        foreach (var worker in new[] { "batch-service", "eval-service" })
        {
            var container = Container(worker);
            var baseUrl = container.GetProperty("Environment").EnumerateArray()
                .Single(variable => variable.GetProperty("Name").GetString() == "LlmGateway__BaseUrl")
                .GetProperty("Value").GetRawText();

            Assert.Contains("DNSName", baseUrl, StringComparison.Ordinal);
            Assert.Contains(
                container.GetProperty("Secrets").EnumerateArray(),
                secret => secret.GetProperty("Name").GetString() == "LlmGateway__ApiKey");
        }
    }

    [Fact]
    public void PostgresDatabase_Stack_OnePrivateRdsPostgresForEvalAndApproval()
    {
        var database = Assert.Single(stack.Resources("AWS::RDS::DBInstance")).Properties;

        Assert.Equal("postgres", database.GetProperty("Engine").GetString());
        Assert.StartsWith("15", database.GetProperty("EngineVersion").GetString(), StringComparison.Ordinal);
        Assert.False(database.TryGetProperty("PubliclyAccessible", out var open) && open.GetBoolean());
        Assert.True(database.GetProperty("StorageEncrypted").GetBoolean());
        Assert.Contains(Secrets(Container("eval-service")), name => name == "ConnectionStrings__evaldb");
        Assert.Contains(Secrets(Container("approval-service")), name => name == "ConnectionStrings__approvaldb");
        Assert.DoesNotContain(Secrets(Container("batch-service")), name => name.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    private JsonElement Container(string service) =>
        _tasks.TaskOf(service).GetProperty("ContainerDefinitions").EnumerateArray()
            .Single(container => container.GetProperty("Name").GetString() == service);

    private static List<string> Secrets(JsonElement container) =>
        container.TryGetProperty("Secrets", out var secrets)
            ? [.. secrets.EnumerateArray().Select(secret => secret.GetProperty("Name").GetString()!)]
            : [];
}
