using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Git;

/// <summary>
/// Which YAML file each change goes to: the node's existing property file (dbt's patch_path; for a source, the file
/// that declares it), else a new "&lt;name&gt;.yml" beside the node's SQL (or seed CSV).
/// </summary>
public static class PropertyFiles
{
    public static IReadOnlyList<PropertyFile> Plan(string projectDirectory, IEnumerable<ApprovedChange> changes, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(exists);
        return changes
            .GroupBy(change => Target(projectDirectory, change, exists), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new PropertyFile(group.Key, group.Select(Edit).ToList()))
            .ToList();
    }

    public static DescriptionEdit Edit(ApprovedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var section = change.ResourceType switch
        {
            "model" => "models",
            "seed" => "seeds",
            "snapshot" => "snapshots",
            "source" => "sources",
            var other => throw new ArgumentException($"resource type '{other}' has no property file section", nameof(change)),
        };

        // source.<package>.<source_name>.<table>
        var sourceName = change.ResourceType == "source" ? change.UniqueId.Split('.') is { Length: >= 4 } parts ? parts[2] : null : null;
        return new DescriptionEdit(section, change.NodeName, sourceName, change.Column, change.Text);
    }

    private static string Target(string projectDirectory, ApprovedChange change, Func<string, bool> exists)
    {
        var declared = change.PropertiesFile ?? (change.ResourceType == "source" ? change.SqlPath : null);
        if (declared is not null && exists(Join(projectDirectory, declared)))
        {
            return Join(projectDirectory, declared);
        }

        var beside = change.SqlPath is { } sql
            ? Path.ChangeExtension(sql, null) + ".yml"
            : $"models/{change.NodeName}.yml";
        return Join(projectDirectory, beside.Replace('\\', '/'));
    }

    private static string Join(string directory, string path) =>
        string.IsNullOrEmpty(directory) || directory == "." ? path : directory.TrimEnd('/') + "/" + path;
}
