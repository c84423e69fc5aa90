using System.Security.Claims;
using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Portal;

/// <summary>The signed-in person as a reviewer: name and groups from the sign-in's claims.</summary>
public static class PortalUser
{
    public const string GroupClaim = "groups";

    public static IReadOnlyList<string> Groups(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(GroupClaim).Select(claim => claim.Value).ToList();
    }

    public static Reviewer Reviewer(ClaimsPrincipal user, ReviewerDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(directory);
        return directory.For(user.Identity?.Name ?? string.Empty, Groups(user));
    }
}
