using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Agentic.ApprovalService.Options;
using Agentic.ApprovalService.Portal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Agentic.ApprovalService.Pages;

/// <summary>Development sign-in against the users in configuration.</summary>
public sealed class SignInModel(IOptions<ApprovalOptions> options) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? password)
    {
        name = name?.Trim() ?? string.Empty;
        if (!options.Value.Users.TryGetValue(name, out var user) || user.Password is null || password is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(password)))
        {
            Error = "Unknown name or wrong password.";
            return Page();
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(user.Groups.Select(group => new Claim(PortalUser.GroupClaim, group)));
        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
