using Temporalio.Common;

namespace Agentic.Emulator.Tests.Common;

/// <summary>Custom search attributes the fixture registers (Keyword, Int, Text).</summary>
public static class TestSearchAttributes
{
    public static readonly SearchAttributeKey<string> Keyword = SearchAttributeKey.CreateKeyword("EmuKeyword");

    public static readonly SearchAttributeKey<long> Number = SearchAttributeKey.CreateLong("EmuNumber");

    public static readonly SearchAttributeKey<string> Text = SearchAttributeKey.CreateText("EmuText");
}
