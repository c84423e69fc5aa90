using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Agentic.AppHost.Tests.EndToEnd;

[Collection(LocalAppHostCollection.Name)]
public class PostgresThroughAppHostTests(LocalAppHostFixture fixture)
{
    public static TheoryData<string, string> ServiceDatabases => new()
    {
        { "eval-service", "evaldb" },
        { "approval-service", "approvaldb" },
        { "batch-service", "batchdb" },
    };

    [Fact]
    public void Start_LocalMode_PostgresIsTheLocalServer()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();

        Assert.IsType<LocalPostgresResource>(model.Resources.Single(resource => resource.Name == "postgres"));
    }

    [Theory]
    [InlineData("evaldb")]
    [InlineData("approvaldb")]
    [InlineData("batchdb")]
    public async Task Start_LocalMode_DatabaseExistsAndAcceptsWrites(string database)
    {
        var connectionString = await fixture.App.GetConnectionStringAsync(database);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE TEMP TABLE probe (id int); INSERT INTO probe VALUES (7); SELECT current_database() || ':' || (SELECT id FROM probe);",
            connection);

        Assert.Equal($"{database}:7", await command.ExecuteScalarAsync());
    }

    [Theory]
    [MemberData(nameof(ServiceDatabases))]
    public async Task Start_LocalMode_ServiceGetsItsDatabaseConnectionString(string service, string database)
    {
        var expected = await fixture.App.GetConnectionStringAsync(database);

        var environment = ServiceEnvironment(service);

        Assert.Equal(expected, environment[$"ConnectionStrings__{database}"]);
    }

    [Theory]
    [InlineData("eval-service", "dev-eval-service-key")]
    [InlineData("approval-service", "dev-approval-service-key")]
    public void Start_LocalMode_ServiceGetsItsOwnGatewayKey(string service, string key)
    {
        var environment = ServiceEnvironment(service);
        var gateway = ServiceEnvironment("llm-gateway");

        Assert.Equal(key, environment["LlmGateway__ApiKey"]);
        Assert.StartsWith("http://", environment["LlmGateway__BaseUrl"], StringComparison.Ordinal);
        Assert.Equal(key, gateway[$"LlmGateway__Callers__{service}__ApiKey"]);
    }

    [Fact]
    public void Start_LocalMode_BatchServiceHasTheDevResultSink()
    {
        var environment = ServiceEnvironment("batch-service");

        Assert.Equal("batchdb", environment["Batch__ResultSinks__batchdb__ConnectionName"]);
    }

    private Dictionary<string, string?> ServiceEnvironment(string service)
    {
        var notifications = fixture.App.Services.GetRequiredService<ResourceNotificationService>();
        Assert.True(notifications.TryGetCurrentState(service, out var resource), $"{service} has no state");
        return resource.Snapshot.EnvironmentVariables.ToDictionary(variable => variable.Name, variable => variable.Value);
    }
}
