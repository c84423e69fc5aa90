using Agentic.BatchService.Activities;

namespace Agentic.BatchService.Tests.Activities;

public sealed class ShadowTextTests
{
    [Theory]
    [InlineData("Hello  World", "  hello world\t")]
    [InlineData("ＡＢＣ", "abc")]
    [InlineData("line one\r\nline two", "line one line two")]
    public void Normalize_CaseSpacingAndCompatibilityForms_Match(string a, string b) =>
        Assert.Equal(ShadowText.Normalize(a), ShadowText.Normalize(b));

    [Theory]
    [InlineData("ships in 3 days", "ships in 4 days")]
    [InlineData("yes.", "yes!")]
    public void Normalize_DifferentWordsOrPunctuation_Differ(string a, string b) =>
        Assert.NotEqual(ShadowText.Normalize(a), ShadowText.Normalize(b));

    [Fact]
    public void Cosine_SameOppositeAndOrthogonalVectors_AreOneMinusOneAndZero()
    {
        Assert.Equal(1, ShadowText.Cosine([1, 2, 3], [2, 4, 6]), 6);
        Assert.Equal(-1, ShadowText.Cosine([1, 2, 3], [-1, -2, -3]), 6);
        Assert.Equal(0, ShadowText.Cosine([1, 0], [0, 5]), 6);
    }

    [Fact]
    public void Cosine_ZeroVectorOrLengthMismatch_IsZero()
    {
        Assert.Equal(0, ShadowText.Cosine([0, 0], [1, 1]));
        Assert.Equal(0, ShadowText.Cosine([1, 2], [1, 2, 3]));
    }
}
