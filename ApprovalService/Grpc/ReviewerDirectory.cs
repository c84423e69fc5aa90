using Agentic.ApprovalService.Options;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.Options;

namespace Agentic.ApprovalService.Grpc;

/// <summary>Turns a reviewer's name into the groups the service knows for them.</summary>
public sealed class ReviewerDirectory(IOptions<ApprovalOptions> options)
{
    /// <summary>The reviewer, or null for a name the service does not know.</summary>
    public Reviewer? Find(string name)
    {
        var settings = options.Value;
        return settings.Users.TryGetValue(name, out var user) ? For(name, user.Groups) : null;
    }

    public Reviewer For(string name, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return new Reviewer(name, groups, groups.Contains(options.Value.AdminGroup, StringComparer.OrdinalIgnoreCase));
    }
}
