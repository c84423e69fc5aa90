namespace Agentic.EvalService.Reports;

/// <summary>
/// The panel's agreement over a run: Cohen's kappa for every pair of judges (<see cref="Kappa"/>[i][j], 1 on the
/// diagonal, NaN where a pair shares no answered case) and Fleiss' kappa for the whole panel.
/// </summary>
public sealed record AgreementMatrix(IReadOnlyList<string> Judges, IReadOnlyList<IReadOnlyList<double>> Kappa, double Fleiss);
