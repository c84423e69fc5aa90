using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.RDS;
using Constructs;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;

namespace Agentic.Deploy;

/// <summary>
/// PostgreSQL (RDS) for the services that keep their own state (evaluations, approvals). The master password is
/// generated into Secrets Manager; services get it as a container secret and reach port 5432 only from their own
/// security groups.
/// </summary>
public sealed class PostgresDatabase : Construct
{
    public const int Port = 5432;
    public const string DatabaseName = "agentic";

    public PostgresDatabase(Construct scope, string id)
        : base(scope, id)
    {
        var platform = AgenticPlatform.Of(this);
        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = platform.Vpc,
            AllowAllOutbound = false,
            Description = "PostgreSQL: ingress from the services that use it only",
        });
        Instance = new DatabaseInstance(this, "Instance", new DatabaseInstanceProps
        {
            Engine = DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps { Version = PostgresEngineVersion.VER_15 }),
            InstanceType = Amazon.CDK.AWS.EC2.InstanceType.Of(InstanceClass.T4G, InstanceSize.SMALL),
            Vpc = platform.Vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            SecurityGroups = [SecurityGroup],
            Credentials = Credentials.FromGeneratedSecret("agentic"),
            DatabaseName = DatabaseName,
            MultiAz = true,
            StorageEncrypted = true,
            AllocatedStorage = 20,
            BackupRetention = Duration.Days(7),
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
        });
        platform.Database = this;
    }

    public SecurityGroup SecurityGroup { get; }

    public DatabaseInstance Instance { get; }

    /// <summary>Gives a service's container the database's address and (as a secret) its credentials, and opens 5432 to it.</summary>
    public void Connect(ContainerDefinition container, SecurityGroup client)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(client);
        var secret = Instance.Secret ?? throw new InvalidOperationException("The database has no generated credentials secret.");
        container.AddEnvironment("Postgres__Host", Instance.DbInstanceEndpointAddress);
        container.AddEnvironment("Postgres__Port", Instance.DbInstanceEndpointPort);
        container.AddEnvironment("Postgres__Database", DatabaseName);
        container.AddSecret("Postgres__Username", EcsSecret.FromSecretsManager(secret, "username"));
        container.AddSecret("Postgres__Password", EcsSecret.FromSecretsManager(secret, "password"));
        client.Connections.AllowTo(SecurityGroup, Amazon.CDK.AWS.EC2.Port.Tcp(Port), "PostgreSQL");
    }
}
