namespace Microsoft.AspNetCore.Builder;

public static class PortalEndpoints
{
    /// <summary>Authentication, the portal's pages and the GitHub webhook: what Program.cs maps, for hosts built by tests.</summary>
    public static WebApplication MapApprovalPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapGitHubWebhook();
        return app;
    }
}
