using Agentic.EvalService.Storage;
using Agentic.EvalService.Suites;
using Agentic.EvalService.Tests.Integration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Agentic.EvalService.Tests.Storage;

[Collection(EvalEnvironmentCollection.Name)]
public sealed class StorageTests(EvalEnvironment environment)
{
    private async Task<EvalDatabase> FreshDatabaseAsync()
    {
        var database = new EvalDatabase(NpgsqlDataSource.Create(await environment.Postgres.CreateDatabaseAsync("evalstore")));
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(database.DataSource, CancellationToken.None);
        return database;
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachScriptOnce()
    {
        await using var database = await FreshDatabaseAsync();

        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync(database.DataSource, CancellationToken.None);

        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM eval_schema_versions");
        Assert.Equal((long)SchemaMigrator.Scripts().Count, (long)(await command.ExecuteScalarAsync())!);
        Assert.NotEmpty(SchemaMigrator.Scripts());
    }

    [Fact]
    public async Task RegisterAsync_ConcurrentChanges_GetDistinctVersions()
    {
        await using var database = await FreshDatabaseAsync();
        var store = new SuiteStore(database);
        var yamls = Enumerable.Range(0, 4).Select(i => $"name: racing\ndescription: variant {i}\nchecks:\n  - id: a\n    type: pii\n").ToList();

        var stored = await Task.WhenAll(yamls.Select(yaml => store.RegisterAsync(SuiteParser.Parse(yaml), yaml, CancellationToken.None)));

        Assert.Equal([1, 2, 3, 4], stored.Select(s => s.Version).Order());
        Assert.Equal(4, (await store.GetAsync("racing", 0, CancellationToken.None))!.Version);
        Assert.Null(await store.GetAsync("racing", 5, CancellationToken.None));
    }

    [Fact]
    public async Task DataSource_NotConfigured_ThrowsNamedError()
    {
        await using var database = new EvalDatabase(null);

        var error = Assert.Throws<DatabaseNotConfiguredException>(() => database.DataSource);

        Assert.Contains("ConnectionStrings:evaldb", error.Message, StringComparison.Ordinal);
    }
}
