using Agentic.Eval.V1;
using Grpc.Core;

namespace Agentic.EvalService.Tests.Integration;

[Collection(EvalEnvironmentCollection.Name)]
public sealed class SuiteRegistrationTests(EvalEnvironment environment)
{
    private Eval.V1.EvalService.EvalServiceClient Client => environment.Service.Client;

    [Fact]
    public async Task RegisterSuite_ChangedYaml_AddsVersionAndKeepsOld()
    {
        var v1 = await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = Suites.Live("versions") });
        var again = await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = Suites.Live("versions") });
        var v2 = await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = Suites.Live("versions", threshold: 0.9) });

        Assert.Equal(1, v1.Version);
        Assert.True(again.Unchanged);
        Assert.Equal(1, again.Version);
        Assert.Equal(2, v2.Version);
        Assert.Equal(v1.Yaml, (await Client.GetSuiteAsync(new GetSuiteRequest { Name = "versions", Version = 1 })).Yaml);
        Assert.Equal(2, (await Client.GetSuiteAsync(new GetSuiteRequest { Name = "versions" })).Version);
        Assert.Contains((await Client.ListSuitesAsync(new ListSuitesRequest())).Suites, s => s.Name == "versions" && s.Version == 2);
    }

    [Fact]
    public async Task RegisterSuite_ShippedExample_IsAccepted()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Suites", "support-answers.yaml"));

        var suite = await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = yaml });

        Assert.Equal("support-answers", suite.Name);
        Assert.Contains("no-pii", suite.CheckIds);
    }

    [Fact]
    public async Task RegisterSuite_InvalidYaml_IsInvalidArgumentWithLineAndField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.RegisterSuiteAsync(
            new RegisterSuiteRequest { Yaml = "name: broken\nchecks:\n  - id: a\n    type: regexp\n" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("yaml: line 4: checks[0].type: must be one of regex, keywords, semantic_keyword, json, length, refusal, pii, not 'regexp'", error.Status.Detail);
    }

    [Fact]
    public async Task RegisterSuite_UnknownJudgeModel_IsInvalidArgumentNamingJudge()
    {
        var yaml = Suites.Live("unknown-model").Replace("model: sim-chat", "model: gpt-17-imaginary", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = yaml }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("jury.judges[0].model", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSuite_UnknownVersion_IsInvalidArgumentNamingName()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetSuiteAsync(new GetSuiteRequest { Name = "never-registered" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("name:", error.Status.Detail, StringComparison.Ordinal);
    }
}
