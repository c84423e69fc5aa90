using System.Globalization;
using System.Text.Json;
using Agentic.EvalService.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.EvalService.Pages.Reports;

/// <summary>The report of one offline run.</summary>
public sealed class RunModel(ReportQueries queries) : PageModel
{
    public RunReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        ReportHeaders.Apply(Response);
        if (string.IsNullOrWhiteSpace(id))
        {
            return BadRequest("id: is required");
        }

        Report = await queries.RunReportAsync(id, cancellationToken);
        return Report is null ? NotFound($"no run '{id}'") : Page();
    }

    /// <summary>Red for disagreement through white (chance) to green for full agreement; grey when undefined.</summary>
    public static string HeatColour(double kappa)
    {
        if (double.IsNaN(kappa))
        {
            return "#eeeeee";
        }

        var k = Math.Clamp(kappa, -1, 1);
        var (r, g, b) = k >= 0
            ? (255 - (int)(155 * k), 255 - (int)(55 * k), 255 - (int)(155 * k))
            : (255 - (int)(25 * -k), 255 - (int)(175 * -k), 255 - (int)(175 * -k));
        return string.Create(CultureInfo.InvariantCulture, $"rgb({r}, {g}, {b})");
    }

    /// <summary>Agreement and judges answered from a case's jury JSON, or what is missing.</summary>
    public static string JurySummary(string? juryJson)
    {
        if (string.IsNullOrEmpty(juryJson))
        {
            return "no jury decision";
        }

        try
        {
            using var document = JsonDocument.Parse(juryJson);
            var root = document.RootElement;
            var agreement = root.TryGetProperty("agreement", out var a) && a.TryGetDouble(out var share) ? share.ToString("P0", CultureInfo.InvariantCulture) : "?";
            var answered = root.TryGetProperty("answered", out var n) && n.TryGetInt32(out var count) ? count.ToString(CultureInfo.InvariantCulture) : "?";
            var quorumMet = !root.TryGetProperty("quorumMet", out var q) || q.ValueKind != JsonValueKind.False;
            return quorumMet ? $"agreement {agreement}, {answered} judges answered" : $"quorum not met: {answered} judges answered";
        }
        catch (JsonException)
        {
            return "unreadable jury decision";
        }
    }
}
