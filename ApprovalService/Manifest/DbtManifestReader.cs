using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Agentic.ApprovalService.Manifest.Json;

namespace Agentic.ApprovalService.Manifest;

/// <summary>
/// Reads dbt's manifest.json (schema v4 to v12) and optionally catalog.json. Both are deserialised straight from
/// the stream into the few fields used, so a large manifest is read once and never held whole in memory.
/// </summary>
public static partial class DbtManifestReader
{
    public const int OldestSchemaVersion = 4;
    public const int NewestSchemaVersion = 12;

    private static readonly HashSet<string> DescribedTypes = new(StringComparer.Ordinal) { "model", "source", "seed", "snapshot" };

    public static async Task<DbtManifest> ReadAsync(string manifestPath, string? catalogPath, CancellationToken cancellationToken = default)
    {
        await using var manifest = OpenRead(manifestPath, "manifest");
        if (string.IsNullOrEmpty(catalogPath))
        {
            return await ReadAsync(manifest, null, cancellationToken);
        }

        await using var catalog = OpenRead(catalogPath, "catalog");
        return await ReadAsync(manifest, catalog, cancellationToken);
    }

    public static async Task<DbtManifest> ReadAsync(Stream manifest, Stream? catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var document = await DeserializeAsync(manifest, ManifestJsonContext.Default.ManifestDocument, "manifest.json", cancellationToken);
        var version = SchemaVersion(document.Metadata?.DbtSchemaVersion);
        var types = catalog is null
            ? null
            : await DeserializeAsync(catalog, ManifestJsonContext.Default.CatalogDocument, "catalog.json", cancellationToken);

        var nodes = new Dictionary<string, DbtNode>(StringComparer.Ordinal);
        AddNodes(nodes, document.Nodes, "nodes", types?.Nodes);
        AddNodes(nodes, document.Sources, "sources", types?.Sources);
        return new DbtManifest(document.Metadata?.ProjectName, version, WithChildren(nodes));
    }

    private static FileStream OpenRead(string path, string what)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ManifestFormatException($"{what} '{path}' cannot be read: {exception.Message}", exception);
        }
    }

    private static async Task<T> DeserializeAsync<T>(
        Stream stream, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string file, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken)
                ?? throw new ManifestFormatException($"{file} holds null, not a JSON object");
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {exception.BytePositionInLine + 1}")
                : string.Empty;
            var path = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" (JSON path {exception.Path})";
            throw new ManifestFormatException($"{file} is not a valid dbt artifact{where}{path}: {FirstSentence(exception.Message)}", exception);
        }
    }

    private static int SchemaVersion(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            throw new ManifestFormatException("manifest.json has no metadata.dbt_schema_version: not a dbt manifest");
        }

        var match = SchemaVersionPattern().Match(declared);
        if (!match.Success)
        {
            throw new ManifestFormatException($"manifest.json metadata.dbt_schema_version '{declared}' is not a dbt manifest schema");
        }

        var version = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (version is < OldestSchemaVersion or > NewestSchemaVersion)
        {
            throw new ManifestFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"manifest.json schema version v{version} is not supported (this service reads v{OldestSchemaVersion} to v{NewestSchemaVersion})"));
        }

        return version;
    }

    private static void AddNodes(
        Dictionary<string, DbtNode> nodes,
        Dictionary<string, ManifestNodeDocument?>? documents,
        string section,
        Dictionary<string, CatalogNodeDocument?>? catalog)
    {
        foreach (var (key, document) in documents ?? [])
        {
            if (document?.ResourceType is not { } type || !DescribedTypes.Contains(type))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(document.Name))
            {
                throw new ManifestFormatException($"manifest.json {section}['{key}'] has no name");
            }

            var id = string.IsNullOrWhiteSpace(document.UniqueId) ? key : document.UniqueId;
            CatalogNodeDocument? types = null;
            catalog?.TryGetValue(id, out types);
            nodes[id] = new DbtNode(
                id,
                type,
                document.Name,
                document.Description ?? string.Empty,
                document.OriginalFilePath,
                document.PatchPath,
                document.RawCode ?? document.RawSql,
                OwnerGroup(document),
                Columns(document, types),
                document.DependsOn?.Nodes?.Distinct(StringComparer.Ordinal).ToList() ?? []);
        }
    }

    private static List<DbtColumn> Columns(ManifestNodeDocument node, CatalogNodeDocument? catalog)
    {
        var columns = new List<DbtColumn>();
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var catalogColumns = catalog?.Columns?.Values.OfType<CatalogColumnDocument>()
            .Where(column => !string.IsNullOrWhiteSpace(column.Name))
            .OrderBy(column => column.Index)
            .ToList() ?? [];
        foreach (var (key, column) in node.Columns ?? [])
        {
            var name = string.IsNullOrWhiteSpace(column?.Name) ? key : column.Name;
            if (!listed.Add(name))
            {
                continue;
            }

            var type = string.IsNullOrWhiteSpace(column?.DataType)
                ? catalogColumns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Type
                : column.DataType;
            columns.Add(new DbtColumn(name, column?.Description ?? string.Empty, type, CatalogOnly: false));
        }

        // Columns the warehouse has but the project never documented are blank descriptions too.
        foreach (var column in catalogColumns.Where(column => listed.Add(column.Name!)))
        {
            columns.Add(new DbtColumn(column.Name!, string.Empty, column.Type, CatalogOnly: true));
        }

        return columns;
    }

    private static string? OwnerGroup(ManifestNodeDocument node) =>
        MetaString(node.Config?.Meta, "owner")
        ?? MetaString(node.Meta, "owner")
        ?? NonBlank(node.Config?.Group)
        ?? NonBlank(node.Group);

    private static string? MetaString(Dictionary<string, JsonElement>? meta, string key) =>
        meta is not null && meta.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String
            ? NonBlank(value.GetString())
            : null;

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Dictionary<string, DbtNode> WithChildren(Dictionary<string, DbtNode> nodes)
    {
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in nodes.Values)
        {
            foreach (var parent in node.Parents.Where(nodes.ContainsKey))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(node.UniqueId);
            }
        }

        return nodes.Values.ToDictionary(
            node => node.UniqueId,
            node => children.TryGetValue(node.UniqueId, out var list) ? node with { Children = list.Order(StringComparer.Ordinal).ToList() } : node,
            StringComparer.Ordinal);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    [GeneratedRegex(@"/manifest/v(\d+)\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaVersionPattern();
}
