namespace Agentic.EvalService.Runs;

/// <summary>
/// One judge over a run: cases answered, cases with a gold label it sat on, and how many of those it got right
/// (a judge that did not answer a labelled case got it wrong).
/// </summary>
public sealed record JudgeAccuracy(string Judge, int Answered, int Labelled, int Correct)
{
    public double Accuracy => Labelled == 0 ? double.NaN : (double)Correct / Labelled;
}
