using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Constructs;

namespace Agentic.Deploy.Tests;

/// <summary>
/// The stack synthesized once (jsii runs the CDK in Node, which takes seconds): the assertion view and the raw
/// template JSON. A test provider key sits in the process environment the way a developer's shell might hold it.
/// </summary>
public sealed class SynthesizedStack : IDisposable
{
    public const string TestProviderKey = "sk-test-deploy-4f1c2a9e7b3d";
    public const string TemporalAddress = "temporal.internal.example:7233";

    private readonly string _outdir = Directory.CreateTempSubdirectory("agentic-cdk-").FullName;

    public SynthesizedStack()
    {
        System.Environment.SetEnvironmentVariable("LlmGateway__Providers__openai__ApiKey", TestProviderKey);
        var app = new App(new AppProps
        {
            Outdir = _outdir,
            Context = new Dictionary<string, object>
            {
                [DeploySettings.TemporalAddressKey] = TemporalAddress,
                [DeploySettings.ImageTagKey] = "1.2.3",
                [DeploySettings.AlarmEmailKey] = "oncall@example.com",
                [DeploySettings.CostAlarmUsdPerHourKey] = "25",
            },
        });
        Stack = new AgenticStack(app, "Agentic", DeploySettings.FromContext(app.Node));
        Template = Template.FromStack(Stack);
        app.Synth();
        Text = File.ReadAllText(Path.Combine(_outdir, "Agentic.template.json"));
        Json = JsonDocument.Parse(Text);
    }

    public AgenticStack Stack { get; }

    public Template Template { get; }

    /// <summary>The template as written to the cloud assembly.</summary>
    public string Text { get; }

    public JsonDocument Json { get; }

    public IEnumerable<(string LogicalId, JsonElement Properties)> Resources(string type) =>
        Json.RootElement.GetProperty("Resources").EnumerateObject()
            .Where(resource => resource.Value.GetProperty("Type").GetString() == type)
            .Select(resource => (resource.Name, resource.Value.TryGetProperty("Properties", out var properties) ? properties : default));

    public string LogicalIdOf(IConstruct construct) => Stack.GetLogicalId((CfnElement)construct.Node.DefaultChild!);

    public void Dispose()
    {
        Json.Dispose();
        Directory.Delete(_outdir, recursive: true);
    }
}
