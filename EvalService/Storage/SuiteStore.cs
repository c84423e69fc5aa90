using Agentic.EvalService.Suites;
using Npgsql;

namespace Agentic.EvalService.Storage;

/// <summary>
/// Suite versions in PostgreSQL. Registering YAML equal to the latest version returns that version; anything
/// else becomes the next version number (a unique key settles two registrations racing for the same number).
/// </summary>
public sealed class SuiteStore(EvalDatabase database)
{
    public async Task<StoredSuite> RegisterAsync(SuiteDefinition definition, string yaml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        for (var attempt = 0; ; attempt++)
        {
            var latest = await GetAsync(definition.Name, 0, cancellationToken);
            if (latest is not null && latest.Yaml == yaml)
            {
                return latest with { Unchanged = true };
            }

            var version = (latest?.Version ?? 0) + 1;
            try
            {
                await using var command = database.DataSource.CreateCommand(
                    "INSERT INTO suite_versions (name, version, yaml) VALUES ($1, $2, $3) RETURNING registered_at");
                command.Parameters.Add(new NpgsqlParameter { Value = definition.Name });
                command.Parameters.Add(new NpgsqlParameter { Value = version });
                command.Parameters.Add(new NpgsqlParameter { Value = yaml });
                var registeredAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
                return new StoredSuite(definition.Name, version, yaml, definition, new DateTimeOffset(registeredAt, TimeSpan.Zero));
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 5)
            {
                // Another registration took this number first: look again.
            }
        }
    }

    /// <summary>The version asked for, or the latest when <paramref name="version"/> is 0; null when there is none.</summary>
    public async Task<StoredSuite?> GetAsync(string name, int version, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(version == 0
            ? "SELECT name, version, yaml, registered_at FROM suite_versions WHERE name = $1 ORDER BY version DESC LIMIT 1"
            : "SELECT name, version, yaml, registered_at FROM suite_versions WHERE name = $1 AND version = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        if (version != 0)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = version });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The latest version of every suite, by name.</summary>
    public async Task<IReadOnlyList<StoredSuite>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT DISTINCT ON (name) name, version, yaml, registered_at FROM suite_versions ORDER BY name, version DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var suites = new List<StoredSuite>();
        while (await reader.ReadAsync(cancellationToken))
        {
            suites.Add(Read(reader));
        }

        return suites;
    }

    private static StoredSuite Read(NpgsqlDataReader reader)
    {
        var yaml = reader.GetString(2);
        return new StoredSuite(reader.GetString(0), reader.GetInt32(1), yaml, SuiteParser.Parse(yaml),
            new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero));
    }
}
