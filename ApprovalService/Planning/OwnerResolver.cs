using Agentic.ApprovalService.Manifest;
using Agentic.ApprovalService.Options;

namespace Agentic.ApprovalService.Planning;

/// <summary>The group that may decide on a node: dbt meta.owner or group, else the configured path mapping, else the default.</summary>
public sealed class OwnerResolver(ApprovalOptions options)
{
    public string For(DbtNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.OwnerGroup is { } owner)
        {
            return owner;
        }

        var path = node.OriginalFilePath ?? string.Empty;
        return options.OwnerGroups
            .Where(mapping => path.StartsWith(mapping.Key, StringComparison.Ordinal))
            .OrderByDescending(mapping => mapping.Key.Length)
            .Select(mapping => mapping.Value)
            .FirstOrDefault() ?? options.DefaultOwnerGroup;
    }
}
