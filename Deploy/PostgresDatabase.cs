using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.RDS;
using Constructs;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;

namespace Agentic.Deploy;

/// <summary>
/// PostgreSQL (RDS) for the services that keep their own state (evaluations, approvals). The master password is
/// generated into Secrets Manager; each service gets its own database's connection string as a container secret
/// and reaches port 5432 only from its own security group.
/// </summary>
public sealed class PostgresDatabase : Construct
{
    public const int Port = 5432;

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

    /// <summary>
    /// Gives a service its Aspire-style <c>ConnectionStrings__{database}</c> (what the AppHost gives it locally) as a
    /// container secret, and opens 5432 to it. The database must exist (see docs/operations.md).
    /// </summary>
    public void Connect(Construct owner, ContainerDefinition container, SecurityGroup client, string database)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(client);
        var credentials = Instance.Secret ?? throw new InvalidOperationException("The database has no generated credentials secret.");
        // The value holds CloudFormation dynamic references ({{resolve:secretsmanager:...}}), which CloudFormation
        // resolves inside Secrets Manager at deploy time: the password never appears in the template.
        var connectionString = string.Join(';',
            $"Host={Instance.DbInstanceEndpointAddress}",
            $"Port={Instance.DbInstanceEndpointPort}",
            $"Database={database}",
            $"Username={credentials.SecretValueFromJson("username").UnsafeUnwrap()}",
            $"Password={credentials.SecretValueFromJson("password").UnsafeUnwrap()}",
            "SSL Mode=Require");
        var secret = new Amazon.CDK.AWS.SecretsManager.Secret(owner, "ConnectionString", new Amazon.CDK.AWS.SecretsManager.SecretProps
        {
            SecretName = $"agentic/connections/{database}",
            Description = $"Npgsql connection string of database {database}",
            SecretStringValue = SecretValue.UnsafePlainText(connectionString),
        });
        container.AddSecret($"ConnectionStrings__{database}", EcsSecret.FromSecretsManager(secret));
        client.Connections.AllowTo(SecurityGroup, Amazon.CDK.AWS.EC2.Port.Tcp(Port), "PostgreSQL");
    }
}
