using Agentic.EvalService.Checks;
using Agentic.EvalService.Checks.Pii;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Tests.Checks.Pii;

public sealed class PiiScannerTests
{
    private static IReadOnlyList<PiiFinding> Scan(string text, params string[] regions) =>
        new PiiScanner([], regions).Scan(text);

    private static PiiFinding Only(string text, PiiType type, string value, params string[] regions)
    {
        var finding = Assert.Single(Scan(text, regions));
        Assert.Equal(type, finding.Type);
        Assert.Equal(value, text.Substring(finding.Start, finding.Length));
        Assert.DoesNotContain(value, finding.Preview, StringComparison.Ordinal);
        return finding;
    }

    [Theory]
    [InlineData("Thanks for your question about the refund policy. It takes 5-7 business days, version 1.2.3, on 2024-01-15.")]
    [InlineData("Order #12345678 shipped at 10:30:45; total 1,299.00 EUR; see section 4.2.1.")]
    [InlineData("The hash is d41d8cd98f00b204e9800998ecf8427e? No: just an example of words_with_underscores_only_here.")]
    public void Scan_CleanText_FindsNothing(string text)
    {
        Assert.Empty(Scan(text));
    }

    [Fact]
    public void Scan_Email_RedactsLocalPartAndDomain()
    {
        var finding = Only("Write to jane.doe@example.com today.", PiiType.Email, "jane.doe@example.com");

        Assert.Equal("j***@e***.com", finding.Preview);
    }

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("5555-5555-5555-4444")]
    [InlineData("378282246310005")]
    [InlineData("6011111111111117")]
    [InlineData("3530111333300000")]
    public void Scan_ValidCard_IsFoundWithLastFourOnly(string card)
    {
        var finding = Only($"Card: {card} expires soon", PiiType.CreditCard, card);

        Assert.EndsWith(card[^4..], finding.Preview, StringComparison.Ordinal);
        Assert.StartsWith("****", finding.Preview, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("1234 5678 9012 3456")]
    [InlineData("9111111111111111")]
    public void Scan_InvalidCard_IsNotACard(string number)
    {
        Assert.DoesNotContain(Scan($"Ref {number}."), f => f.Type == PiiType.CreditCard);
    }

    [Fact]
    public void Luhn_KnownNumbers_Checks()
    {
        Assert.True(PaymentCardDetector.Luhn("79927398713"));
        Assert.False(PaymentCardDetector.Luhn("79927398710"));
    }

    [Theory]
    [InlineData("123-45-6789")]
    [InlineData("078 05 1121")]
    public void Scan_ValidSsn_IsFound(string ssn)
    {
        var finding = Only($"SSN {ssn} on file", PiiType.Ssn, ssn);

        Assert.Equal("***-**-" + ssn[^4..], finding.Preview);
    }

    [Theory]
    [InlineData("000-12-3456")]
    [InlineData("666-12-3456")]
    [InlineData("900-12-3456")]
    [InlineData("987-65-4321")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    public void Scan_SsnInInvalidRange_IsNotAnSsn(string ssn)
    {
        Assert.DoesNotContain(Scan($"Number {ssn} here", "US"), f => f.Type == PiiType.Ssn);
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("NL91ABNA0417164300")]
    public void Scan_ValidIban_IsFound(string iban)
    {
        var finding = Only($"Pay to {iban} by Friday", PiiType.Iban, iban);

        Assert.StartsWith(iban[..4], finding.Preview, StringComparison.Ordinal);
        Assert.EndsWith(iban[^4..].Replace(" ", "", StringComparison.Ordinal)[^2..], finding.Preview, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("GB00 WEST 1234 5698 7654 32")]
    public void Scan_IbanWithBadCheckDigits_IsNotAnIban(string iban)
    {
        Assert.DoesNotContain(Scan($"Pay to {iban} by Friday"), f => f.Type == PiiType.Iban);
    }

    [Fact]
    public void Mod97_KnownIban_IsOne()
    {
        Assert.Equal(1, IbanDetector.Mod97("DE89370400440532013000"));
    }

    [Theory]
    [InlineData("Call +1 650-253-0000 now", "+1 650-253-0000", "US")]
    [InlineData("Ring 020 7031 3000 today", "020 7031 3000", "GB")]
    [InlineData("Tel. 030 901820 bitte", "030 901820", "DE")]
    [InlineData("Appelez le 01 42 68 53 00", "01 42 68 53 00", "FR")]
    [InlineData("WhatsApp +91 98765 43210", "+91 98765 43210", "US")]
    public void Scan_PhoneNumberOfRegion_IsFound(string text, string number, string region)
    {
        var finding = Only(text, PiiType.Phone, number, region);

        Assert.EndsWith(number[^2..], finding.Preview, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_NationalNumberOfAnotherRegion_IsNotFound()
    {
        Assert.DoesNotContain(Scan("Ring 020 7031 3000 today", "US"), f => f.Type == PiiType.Phone);
    }

    [Theory]
    [InlineData("Server 192.168.10.20 is down", "192.168.10.20", "192.168.*.*")]
    [InlineData("host 2001:db8:85a3::8a2e:370:7334 answered", "2001:db8:85a3::8a2e:370:7334", "2001:****")]
    public void Scan_IpAddress_IsFound(string text, string address, string preview)
    {
        Assert.Equal(preview, Only(text, PiiType.IpAddress, address).Preview);
    }

    [Theory]
    [InlineData("Values 999.1.1.1 and 1.2.3 and 10:30")]
    [InlineData("std::vector<int> and a::b")]
    public void Scan_NotAnIpAddress_IsNotFound(string text)
    {
        Assert.DoesNotContain(Scan(text), f => f.Type == PiiType.IpAddress);
    }

    [Theory]
    [InlineData("Use key sk-proj-Ab3dEf6hIj9kLmN0pQ2s in the header", "sk-proj-Ab3dEf6hIj9kLmN0pQ2s", "sk-proj-…")]
    [InlineData("AWS AKIAIOSFODNN7EXAMPLE is the id", "AKIAIOSFODNN7EXAMPLE", "AKIA…")]
    [InlineData("token ghp_16C7e42F292c6912E7710c838347Ae178B4a ok", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "ghp_…")]
    [InlineData("secret=q8Zr3Lw0Xp5Tn7Vb2Hc9Jm4Kd6Fs1Gy0Aa8Pe3 end", "q8Zr3Lw0Xp5Tn7Vb2Hc9Jm4Kd6Fs1Gy0Aa8Pe3", "… (")]
    public void Scan_ApiKeyLikeSecret_IsFound(string text, string secret, string previewStart)
    {
        Assert.StartsWith(previewStart, Only(text, PiiType.Secret, secret).Preview, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_SeveralKinds_ReportsEachOnceInOrder()
    {
        var findings = Scan("Mail a@b.io, card 4111111111111111, ip 10.0.0.1.", "US");

        Assert.Equal([PiiType.Email, PiiType.CreditCard, PiiType.IpAddress], findings.Select(f => f.Type));
    }

    [Fact]
    public void PiiCheck_Findings_EvidenceNeverHoldsRawValues()
    {
        const string text = "Reach me at jane@example.com or +1 650-253-0000; SSN 123-45-6789; card 4111 1111 1111 1111.";
        var outcome = PiiCheck.Run(new CheckSpec { Id = "p", Type = CheckType.Pii }, text);

        Assert.False(outcome.Passed);
        Assert.Equal(4, outcome.Pii.Count);
        foreach (var raw in new[] { "jane@example.com", "650-253-0000", "123-45-6789", "4111 1111 1111 1111" })
        {
            Assert.DoesNotContain(outcome.Evidence, e => e.Contains(raw, StringComparison.Ordinal));
        }

        Assert.All(outcome.Pii, f => Assert.DoesNotContain(text.Substring(f.Start, f.Length), f.Preview, StringComparison.Ordinal));
    }

    [Fact]
    public void PiiCheck_OnlyRequestedTypes_AreReported()
    {
        var outcome = PiiCheck.Run(new CheckSpec { Id = "p", Type = CheckType.Pii, PiiTypes = [PiiType.Email] }, "card 4111111111111111, a@b.io");

        Assert.Equal(PiiType.Email, Assert.Single(outcome.Pii).Type);
    }
}
