using System.Globalization;
using System.Net;
using System.Text;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>The report page: one self-contained HTML file (no scripts, no external assets) with the histogram as bars.</summary>
internal static class ShadowReportPage
{
    private const int BarWidth = 400;

    public static string Render(WriteShadowReportInput input, ShadowVerdict verdict)
    {
        var job = input.Job;
        var tally = input.Tally;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Shadow comparison ")
            .Append(E(job.JobId)).Append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}")
            .Append("table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".bar{background:#4a7ab5;height:12px;display:inline-block}.anomaly{color:#b00;font-weight:bold}</style></head><body>\n");
        html.Append("<h1>Shadow comparison ").Append(E(job.JobId)).Append("</h1>\n");
        html.Append("<p>Baseline <code>").Append(E(job.Baseline.Path)).Append("</code>, candidate <code>").Append(E(job.Candidate.Path))
            .Append("</code>. Status: ").Append(E(input.Status.ToString())).Append(input.Message is null ? string.Empty : " (" + E(input.Message) + ")").Append(".</p>\n");
        html.Append(verdict.Anomaly
            ? "<p class=\"anomaly\">Anomaly: " + E(string.Join("; ", verdict.AnomalyReasons)) + "</p>\n"
            : "<p>No anomaly: every threshold holds.</p>\n");

        html.Append("<h2>Summary</h2>\n<table>\n");
        Row(html, "Row pairs", input.Plan?.PairsTotal ?? 0);
        Row(html, "Compared", tally.Compared);
        Row(html, "Failed rows", tally.Failed);
        Row(html, "Only in baseline", input.Plan?.OnlyInBaseline ?? 0);
        Row(html, "Only in candidate", input.Plan?.OnlyInCandidate ?? 0);
        Row(html, "Exact matches", tally.ExactMatches);
        Row(html, "Normalised-text matches", tally.NormalizedMatches);
        Row(html, "Changed", tally.Changed, Percent(verdict.ChangedShare));
        Row(html, "Diverged", tally.Diverged);
        Row(html, "Mean similarity", Fixed(verdict.MeanSimilarity));
        Row(html, "Mean similarity of changed rows", Fixed(verdict.MeanChangedSimilarity));
        if (!string.IsNullOrEmpty(job.JudgeModel))
        {
            Row(html, "Judged equivalent / different", $"{tally.JudgedEquivalent} / {tally.JudgedDifferent}");
        }

        if (input.Jury is { } jury)
        {
            Row(html, "Jury", $"{jury.Suite} v{jury.SuiteVersion} ({string.Join(", ", jury.Judges)})");
            Row(html, "Jury: equivalent / different / escalated", $"{tally.JudgedEquivalent} / {tally.JudgedDifferent} / {tally.JuryEscalated}");
        }

        Row(html, "Tokens", tally.Tokens);
        Row(html, "Cost (USD)", tally.CostUsd.ToString("0.######", CultureInfo.InvariantCulture));

        html.Append("</table>\n<h2>Similarity of changed rows</h2>\n<table>\n<tr><th>Similarity</th><th>Rows</th><th></th></tr>\n");
        var most = Math.Max(1, tally.Histogram.DefaultIfEmpty(0).Max());
        for (var bin = 0; bin < tally.Histogram.Count; bin++)
        {
            var width = (int)(BarWidth * tally.Histogram[bin] / most);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{(double)bin / ShadowTally.HistogramBins:F2}–{(double)(bin + 1) / ShadowTally.HistogramBins:F2}</td><td>{tally.Histogram[bin]}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td style=\"text-align:left\"><span class=\"bar\" style=\"width:{width}px\"></span></td></tr>\n");
        }

        html.Append("</table>\n");
        if (verdict.Categories.Count > 0)
        {
            html.Append("<h2>Categories (").Append(E(job.CategoryColumn ?? string.Empty)).Append("), most changed first</h2>\n<table>\n")
                .Append("<tr><th>Category</th><th>Rows</th><th>Changed</th><th>Share</th><th>Mean similarity</th><th>Moved</th></tr>\n");
            foreach (var category in verdict.Categories)
            {
                html.Append("<tr><td>").Append(E(category.Category)).Append(CultureInfo.InvariantCulture, $"</td><td>{category.Rows}</td><td>{category.Changed}</td><td>")
                    .Append(Percent(category.ChangedShare)).Append("</td><td>").Append(Fixed(category.MeanSimilarity)).Append("</td><td>")
                    .Append(category.Moved ? "<span class=\"anomaly\">yes</span>" : "no").Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, long value, string? note = null) =>
        Row(html, label, value.ToString(CultureInfo.InvariantCulture) + (note is null ? string.Empty : $" ({note})"));

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(E(value)).Append("</td></tr>\n");

    private static string Percent(double share) => share.ToString("P2", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
