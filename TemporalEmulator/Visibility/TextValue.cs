namespace Agentic.Emulator.Visibility;

/// <summary>A Text search attribute: equality means "contains the words", as in Temporal's full-text match.</summary>
internal sealed record TextValue(string Text)
{
    public bool Matches(string query) =>
        query.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(word => Text.Contains(word, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Text;
}
