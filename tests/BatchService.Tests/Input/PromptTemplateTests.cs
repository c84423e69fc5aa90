using Agentic.BatchService.Input;

namespace Agentic.BatchService.Tests.Input;

public class PromptTemplateTests
{
    [Fact]
    public void Render_AllFieldsPresent_SubstitutesEachPlaceholder()
    {
        var template = PromptTemplate.Parse("Classify {{ title }}: {{body}} ({{title}})");

        var text = template.Render(new Dictionary<string, string> { ["title"] = "T", ["body"] = "B" }, out var missing);

        Assert.Null(missing);
        Assert.Equal("Classify T: B (T)", text);
        Assert.Equal(["title", "body"], template.Fields);
    }

    [Fact]
    public void Render_MissingField_ReturnsNullAndNamesIt()
    {
        var template = PromptTemplate.Parse("Hello {{name}}");

        var text = template.Render(new Dictionary<string, string> { ["other"] = "x" }, out var missing);

        Assert.Null(text);
        Assert.Equal("name", missing);
    }

    [Theory]
    [InlineData("Hello {{name", "unclosed")]
    [InlineData("Hello {{ }}", "empty")]
    public void TryParse_BadTemplate_ReturnsError(string template, string expected)
    {
        Assert.False(PromptTemplate.TryParse(template, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoPlaceholders_ReturnsTextUnchanged()
    {
        Assert.Equal("static {text}", PromptTemplate.Parse("static {text}").Render(new Dictionary<string, string>(), out _));
    }
}
