using Amazon.CDK;

namespace Agentic.Deploy.Tests;

public class DeploySettingsTests
{
    [Theory]
    [InlineData(DeploySettings.TemporalAddressKey)]
    [InlineData(DeploySettings.ImageTagKey)]
    public void FromContext_RequiredValueMissing_FailsNamingIt(string missing)
    {
        var context = new Dictionary<string, object>
        {
            [DeploySettings.TemporalAddressKey] = "temporal.internal:7233",
            [DeploySettings.ImageTagKey] = "1.2.3",
        };
        context.Remove(missing);
        var app = new App(new AppProps { Context = context });

        var exception = Assert.Throws<ArgumentException>(() => DeploySettings.FromContext(app.Node));

        Assert.Contains($"'{missing}'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("temporal.internal")]
    [InlineData("temporal.internal:port")]
    [InlineData(":7233")]
    public void Validate_AddressWithoutHostAndPort_FailsNamingTheKey(string address)
    {
        var settings = new DeploySettings { TemporalAddress = address, ImageTag = "1.2.3" };

        var exception = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Contains(DeploySettings.TemporalAddressKey, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromContext_CostAlarmNotANumber_FailsNamingIt()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                [DeploySettings.TemporalAddressKey] = "t:7233",
                [DeploySettings.ImageTagKey] = "2.0.0",
                [DeploySettings.CostAlarmUsdPerHourKey] = "lots",
            },
        });

        var exception = Assert.Throws<ArgumentException>(() => DeploySettings.FromContext(app.Node));

        Assert.Contains(DeploySettings.CostAlarmUsdPerHourKey, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromContext_OptionalValuesAbsent_Defaults()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object> { [DeploySettings.TemporalAddressKey] = "t:7233", [DeploySettings.ImageTagKey] = "2.0.0" },
        });

        var settings = DeploySettings.FromContext(app.Node);

        Assert.Equal("default", settings.TemporalNamespace);
        Assert.Equal("agentic", settings.ImageRepositoryPrefix);
        Assert.Equal(7233, settings.TemporalPort);
        Assert.Null(settings.AlarmEmail);
        Assert.Null(settings.CostAlarmUsdPerHour);
    }
}
