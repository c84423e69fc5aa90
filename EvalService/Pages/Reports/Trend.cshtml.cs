using System.Globalization;
using Agentic.EvalService.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.EvalService.Pages.Reports;

/// <summary>A suite's pass rate per run over time (scheduled runs make the line).</summary>
public sealed class TrendModel(ReportQueries queries) : PageModel
{
    public const int Width = 640;
    public const int Height = 200;
    private const double Margin = 10;

    public string Suite { get; private set; } = "";

    public IReadOnlyList<TrendPoint> Points { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? suite, CancellationToken cancellationToken)
    {
        ReportHeaders.Apply(Response);
        if (string.IsNullOrWhiteSpace(suite))
        {
            return BadRequest("suite: is required");
        }

        Suite = suite;
        Points = await queries.TrendAsync(suite, cancellationToken);
        return Page();
    }

    /// <summary>Where run <paramref name="index"/> sits: spread evenly left to right, pass rate 1 at the top.</summary>
    public (double X, double Y) At(int index)
    {
        var x = Points.Count == 1 ? Width / 2.0 : Margin + (Width - 2 * Margin) * index / (Points.Count - 1);
        var y = Margin + (Height - 2 * Margin) * (1 - Points[index].PassRate);
        return (x, y);
    }

    public string Polyline() => string.Join(' ', Points.Select((_, i) => At(i)).Select(p =>
        string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")));
}
