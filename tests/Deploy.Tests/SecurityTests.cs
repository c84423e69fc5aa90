using System.Text.Json;
using System.Text.RegularExpressions;

namespace Agentic.Deploy.Tests;

/// <summary>Secrets stay secret and the network stays closed, read from the template as CloudFormation receives it.</summary>
[Collection(SynthesizedStackCollection.Name)]
public partial class SecurityTests(SynthesizedStack stack)
{
    [Fact]
    public void Template_TestProviderKeyInTheEnvironment_AppearsNowhere()
    {
        Assert.Equal(SynthesizedStack.TestProviderKey, Environment.GetEnvironmentVariable("LlmGateway__Providers__openai__ApiKey"));

        Assert.DoesNotContain(SynthesizedStack.TestProviderKey, stack.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(OpenAiStyleKey(), stack.Text);
    }

    [Fact]
    public void Template_EveryContainer_NoSecretInAPlainEnvironmentVariable()
    {
        var containers = stack.Resources("AWS::ECS::TaskDefinition")
            .SelectMany(task => task.Properties.GetProperty("ContainerDefinitions").EnumerateArray())
            .ToList();

        Assert.All(containers, container => Assert.DoesNotContain(
            TemporalWorkerServiceTests.EnvironmentOf(container).Keys,
            name => SecretLikeName().IsMatch(name)));
        var secretNames = containers.SelectMany(SecretNamesOf).ToList();
        Assert.Contains("LlmGateway__Providers__openai__ApiKey", secretNames);
        Assert.Contains("LlmGateway__Callers__batch-service__ApiKey", secretNames);
        Assert.Contains("LlmGateway__ApiKey", secretNames);
        Assert.Contains("ConnectionStrings__evaldb", secretNames);
        Assert.Contains("ConnectionStrings__approvaldb", secretNames);
    }

    [Fact]
    public void PostgresDatabase_ConnectionStrings_PasswordOnlyAsADynamicReference()
    {
        var connections = stack.Resources("AWS::SecretsManager::Secret")
            .Where(secret => secret.Properties.TryGetProperty("Name", out var name) && name.GetString()!.StartsWith("agentic/connections/", StringComparison.Ordinal))
            .Select(secret => secret.Properties.GetProperty("SecretString").GetRawText())
            .ToList();

        Assert.Equal(2, connections.Count);
        Assert.All(connections, text =>
        {
            Assert.Contains("Password={{resolve:secretsmanager:", text, StringComparison.Ordinal);
            Assert.Contains(":SecretString:password::}}", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void LlmGatewayService_ProviderKeys_OnlyTheGatewayContainerAndItsExecutionRoleSeeThem()
    {
        var secret = stack.LogicalIdOf(stack.Stack.Gateway.ProviderKeys);

        var holders = stack.Resources("AWS::ECS::TaskDefinition")
            .SelectMany(task => task.Properties.GetProperty("ContainerDefinitions").EnumerateArray())
            .Where(container => container.TryGetProperty("Secrets", out var secrets) && secrets.GetRawText().Contains(secret, StringComparison.Ordinal))
            .Select(container => container.GetProperty("Name").GetString())
            .ToList();
        Assert.Equal([LlmGatewayService.Service], holders);

        var readers = stack.Resources("AWS::IAM::Policy")
            .Where(policy => policy.Properties.GetProperty("PolicyDocument").GetRawText().Contains(secret, StringComparison.Ordinal))
            .SelectMany(policy => policy.Properties.GetProperty("Roles").EnumerateArray().Select(role => role.GetProperty("Ref").GetString()))
            .ToList();
        var gatewayExecutionRole = stack.LogicalIdOf(stack.Stack.Gateway.Task.ExecutionRole!);
        Assert.Equal([gatewayExecutionRole], readers);
    }

    [Fact]
    public void SecurityGroups_Workers_NoIngressAndNoAllTrafficEgress()
    {
        var workers = new[] { stack.Stack.Batch, stack.Stack.Eval, stack.Stack.Approval }
            .Select(worker => stack.LogicalIdOf(worker.SecurityGroup))
            .ToList();

        Assert.DoesNotContain(stack.Resources("AWS::EC2::SecurityGroupIngress"), rule => Ref(rule.Properties, "GroupId") is { } group && workers.Contains(group));
        foreach (var group in stack.Resources("AWS::EC2::SecurityGroup").Where(group => workers.Contains(group.LogicalId)))
        {
            Assert.False(group.Properties.TryGetProperty("SecurityGroupIngress", out _));
            Assert.All(group.Properties.GetProperty("SecurityGroupEgress").EnumerateArray(), rule => Assert.NotEqual("-1", rule.GetProperty("IpProtocol").GetString()));
            Assert.Equal(
                [443, 7233],
                group.Properties.GetProperty("SecurityGroupEgress").EnumerateArray()
                    .Where(rule => rule.TryGetProperty("CidrIp", out _)).Select(rule => rule.GetProperty("FromPort").GetInt32()).Order());
        }
    }

    [Fact]
    public void SecurityGroups_Everywhere_NothingOpenToTheInternetAndDataStoresOnlyToTheirClients()
    {
        var inline = stack.Resources("AWS::EC2::SecurityGroup")
            .SelectMany(group => group.Properties.TryGetProperty("SecurityGroupIngress", out var rules) ? rules.EnumerateArray() : Enumerable.Empty<JsonElement>());
        Assert.DoesNotContain(inline, rule => rule.TryGetProperty("CidrIp", out _) || rule.TryGetProperty("CidrIpv6", out _));
        var ingress = stack.Resources("AWS::EC2::SecurityGroupIngress").Select(rule => rule.Properties).ToList();
        Assert.DoesNotContain(ingress, rule => rule.TryGetProperty("CidrIp", out _) || rule.TryGetProperty("CidrIpv6", out _));

        Assert.Equal(
            [stack.LogicalIdOf(stack.Stack.Gateway.SecurityGroup)],
            SourcesInto(ingress, RedisGroup(), LlmGatewayService.RedisPort));
        Assert.Equal(
            new[] { stack.LogicalIdOf(stack.Stack.Eval.SecurityGroup), stack.LogicalIdOf(stack.Stack.Approval.SecurityGroup) }.Order(),
            SourcesInto(ingress, stack.LogicalIdOf(stack.Stack.Database.SecurityGroup), PostgresDatabase.Port).Order());
        Assert.Equal(
            new[] { stack.LogicalIdOf(stack.Stack.Batch.SecurityGroup), stack.LogicalIdOf(stack.Stack.Eval.SecurityGroup) }.Order(),
            SourcesInto(ingress, LoadBalancerGroup(), LlmGatewayService.ListenerPort).Order());
    }

    private string RedisGroup() => stack.LogicalIdOf(((GatewayRedis)stack.Stack.Gateway.Node.FindChild("Redis")).SecurityGroup);

    private string LoadBalancerGroup() => stack.LogicalIdOf(stack.Stack.Gateway.Node.FindChild("LoadBalancerSecurityGroup"));

    private static List<string?> SourcesInto(List<JsonElement> ingress, string group, int port) =>
        ingress.Where(rule => Ref(rule, "GroupId") == group)
            .Select(rule =>
            {
                Assert.Equal(port, rule.GetProperty("FromPort").GetInt32());
                Assert.Equal(port, rule.GetProperty("ToPort").GetInt32());
                return Ref(rule, "SourceSecurityGroupId");
            })
            .ToList();

    private static string? Ref(JsonElement properties, string name) =>
        properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.TryGetProperty("Fn::GetAtt", out var attribute) ? attribute[0].GetString() : value.TryGetProperty("Ref", out var reference) ? reference.GetString() : null
            : null;

    private static IEnumerable<string> SecretNamesOf(JsonElement container) =>
        container.TryGetProperty("Secrets", out var secrets) ? secrets.EnumerateArray().Select(secret => secret.GetProperty("Name").GetString()!) : [];

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_-]{8,}")]
    private static partial Regex OpenAiStyleKey();

    [GeneratedRegex("key|password|secret|token", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();
}
