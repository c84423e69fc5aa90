using System.Security.Cryptography;
using System.Text;
using Agentic.ApprovalService.Manifest;
using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Planning;

/// <summary>Turns a read manifest into one snapshot per node that has a blank table or column description.</summary>
public sealed class ProposalPlanner(OwnerResolver owners, DraftContextBuilder contexts)
{
    public ImportPlan Plan(DbtManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var proposals = new List<NodeSnapshot>();
        var blanks = 0;
        var inheritedCount = 0;
        foreach (var node in manifest.Nodes.Values.OrderBy(node => node.UniqueId, StringComparer.Ordinal))
        {
            var blank = (node.IsBlank ? 1 : 0) + node.Columns.Count(column => column.IsBlank);
            if (blank == 0)
            {
                continue;
            }

            blanks += blank;
            var inherited = ColumnInheritance.For(node, manifest);
            inheritedCount += inherited.Count;
            proposals.Add(new NodeSnapshot(
                node.UniqueId,
                node.Name,
                node.ResourceType,
                owners.For(node),
                node.OriginalFilePath,
                node.PropertiesFile,
                node.Description,
                node.Columns.Select(column => new ColumnSnapshot(column.Name, column.DataType, column.Description)).ToList(),
                inherited,
                contexts.Build(node, manifest),
                Fingerprint(node, manifest)));
        }

        return new ImportPlan(
            manifest.OfType("model").Count(),
            manifest.OfType("source").Count(),
            manifest.OfType("seed").Count(),
            manifest.OfType("snapshot").Count(),
            manifest.Nodes.Values.Sum(node => node.Columns.Count),
            blanks,
            inheritedCount,
            proposals);
    }

    /// <summary>Changes when the node's SQL or anything its parents say changes: what LLM drafts were written from.</summary>
    private static string Fingerprint(DbtNode node, DbtManifest manifest)
    {
        var text = new StringBuilder(node.Sql ?? string.Empty);
        foreach (var parent in node.Parents.Order(StringComparer.Ordinal))
        {
            text.Append('\u0001').Append(parent);
            if (manifest.Nodes.TryGetValue(parent, out var upstream))
            {
                text.Append('\u0002').Append(upstream.Description);
                foreach (var column in upstream.Columns)
                {
                    text.Append('\u0003').Append(column.Name).Append('\u0004').Append(column.Description);
                }
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 12).ToLowerInvariant();
    }
}
