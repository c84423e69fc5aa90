namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The machine's PostgreSQL server as an executable, with the same kind of connection string as
/// <c>AddPostgres</c>, so services reference it the same way in both infrastructure modes.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string dataDirectory)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "postgres";

    private EndpointReference? _endpoint;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    /// <summary>The server's data directory: fresh for each run of the AppHost.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>The databases created once the server answers.</summary>
    public List<LocalPostgresDatabaseResource> Databases { get; } = [];

    // Trust authentication on loopback: a throwaway development server, so no password to hand around.
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName}");
}
