using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElastiCache;
using Constructs;

namespace Agentic.Deploy;

/// <summary>The gateway's rate-limit state: a two-node ElastiCache Redis group, reachable from the gateway only, TLS on.</summary>
public sealed class GatewayRedis : Construct
{
    public GatewayRedis(Construct scope, string id, IVpc vpc, SecurityGroup gateway)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(vpc);
        ArgumentNullException.ThrowIfNull(gateway);
        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            AllowAllOutbound = false,
            Description = "Gateway Redis: ingress from the gateway only",
        });
        gateway.Connections.AllowTo(SecurityGroup, Port.Tcp(LlmGatewayService.RedisPort), "Rate-limit state");

        var subnets = new CfnSubnetGroup(this, "Subnets", new CfnSubnetGroupProps
        {
            Description = "Gateway Redis",
            SubnetIds = vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }).SubnetIds,
        });
        Group = new CfnReplicationGroup(this, "Group", new CfnReplicationGroupProps
        {
            ReplicationGroupDescription = "LLM gateway rate limits",
            Engine = "redis",
            CacheNodeType = "cache.t4g.small",
            NumCacheClusters = 2,
            AutomaticFailoverEnabled = true,
            MultiAzEnabled = true,
            TransitEncryptionEnabled = true,
            AtRestEncryptionEnabled = true,
            CacheSubnetGroupName = subnets.Ref,
            SecurityGroupIds = [SecurityGroup.SecurityGroupId],
        });
    }

    public SecurityGroup SecurityGroup { get; }

    public CfnReplicationGroup Group { get; }

    /// <summary>StackExchange.Redis connection string (no password: only the gateway's security group reaches it).</summary>
    public string ConnectionString => $"{Group.AttrPrimaryEndPointAddress}:{Group.AttrPrimaryEndPointPort},ssl=true,abortConnect=false";
}
