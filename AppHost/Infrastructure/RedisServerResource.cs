namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Debian's <c>redis-server</c> as an executable that gives the same <c>ConnectionStrings__redis</c> as
/// <c>AddRedis</c>, so services reference Redis the same way in both infrastructure modes.
/// </summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
