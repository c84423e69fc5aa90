namespace Agentic.BatchService.Activities;

/// <summary>An earlier answer to the same row and what was wrong with it, sent back so the model can correct it.</summary>
public record RowFeedback(string Answer, string Problem);
