using Agentic.WorkerDefaults.Temporal;

namespace Agentic.WorkerDefaults.Tests.Temporal;

public class TemporalOptionsValidatorTests
{
    [Theory]
    [InlineData("localhost:7233")]
    [InlineData("127.0.0.1:1")]
    [InlineData("temporal.example.com:443")]
    [InlineData("[::1]:7233")]
    public void IsHostAndPort_ValidAddress_True(string address) =>
        Assert.True(TemporalOptionsValidator.IsHostAndPort(address));

    [Theory]
    [InlineData("localhost")]
    [InlineData("http://localhost:7233")]
    [InlineData(":7233")]
    [InlineData("localhost:")]
    [InlineData("localhost:70000")]
    [InlineData("localhost:0")]
    [InlineData("::1:7233")]
    [InlineData("local host:7233")]
    public void IsHostAndPort_InvalidAddress_False(string address) =>
        Assert.False(TemporalOptionsValidator.IsHostAndPort(address));

    [Fact]
    public void Validate_MissingAddress_FailsNamingTheVariable()
    {
        var result = new TemporalOptionsValidator().Validate(null, new TemporalOptions());

        Assert.True(result.Failed);
        Assert.Contains(TemporalOptions.AddressKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyNamespace_Fails()
    {
        var result = new TemporalOptionsValidator().Validate(null, new TemporalOptions { Address = "localhost:7233", Namespace = " " });

        Assert.True(result.Failed);
        Assert.Contains(TemporalOptions.NamespaceKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AddressAndDefaultNamespace_Succeeds() =>
        Assert.True(new TemporalOptionsValidator().Validate(null, new TemporalOptions { Address = "localhost:7233" }).Succeeded);
}
