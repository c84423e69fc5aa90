using System.Text.Json;
using Agentic.Eval.V1;
using Agentic.EvalService.Tests.Judging;
using Agentic.LocalGateway;
using Agentic.Testing;

namespace Agentic.EvalService.Tests.Integration;

/// <summary>
/// The LLMBar adversarial file replayed on the live path: EvaluateTurn → turn workflow → one judge child workflow
/// per recorded judge → the real gateway, whose simulated provider answers each judge with its recorded verdict
/// (matched by the <c>[case id]</c> marker in the prompt). The Manual subset keeps it short; the README gives
/// per-judge figures for that subset, and the majority figure is computed here straight from the file.
/// A judge "passes" the turn when it preferred output 1, so a pass/fail majority is the pairwise majority.
/// </summary>
[Collection(EvalEnvironmentCollection.Name)]
public sealed class LlmBarReplayTests(EvalEnvironment environment) : IAsyncLifetime
{
    private const string Subset = "Manual";
    private const string TaskQueue = "eval-llmbar";

    private static readonly (string Judge, string Model, int ReadmeCorrect)[] Judges =
    [
        ("GPT-4/Vanilla", "judge-gpt-4", 35),
        ("ChatGPT/Vanilla", "judge-chatgpt", 18),
        ("PaLM2/Vanilla", "judge-palm2", 32),
        ("LLaMA2/Vanilla", "judge-llama2", 17),
        ("Falcon/Vanilla", "judge-falcon", 22),
    ];

    private readonly List<LlmBarCase> _cases = LlmBarCase.Load().Where(c => c.Subset == Subset).ToList();
    private readonly string _recordings = Path.Combine(Path.GetTempPath(), $"llmbar-judges-{Guid.NewGuid():N}.jsonl");
    private RedisServer? _redis;
    private LlmGatewayServer? _gateway;
    private EvalServiceHost? _service;

    public async Task InitializeAsync()
    {
        await File.WriteAllLinesAsync(_recordings, _cases.SelectMany(c => Judges.Select(j => Recording(c, j.Judge, j.Model))));
        var routes = Judges.ToDictionary(j => $"LlmGateway:Models:{j.Model}:Deployments:0:Provider", _ => (string?)"simulated");
        routes["Simulation:RecordedAnswers"] = _recordings;
        var redis = await RedisServer.StartAsync();
        _gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions { RedisConnectionString = redis.ConnectionString, Settings = routes });
        _redis = redis;
        _service = await EvalServiceHost.StartAsync(
            environment.Emulator.Address, _gateway, await environment.Postgres.CreateDatabaseAsync("llmbar"),
            new Dictionary<string, string?> { ["Eval:TaskQueue"] = TaskQueue });
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        File.Delete(_recordings);
    }

    [Fact]
    public async Task EvaluateTurn_LlmBarManualRecordedJudges_MajorityAndJudgeAccuraciesMatchFile()
    {
        var client = _service!.Client;
        await client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = SuiteYaml() });

        var verdicts = new TurnVerdict[_cases.Count];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(_cases.Select(async (c, i) =>
        {
            await gate.WaitAsync();
            try
            {
                verdicts[i] = await FinalVerdictAsync(client, c);
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.Equal(46, _cases.Count);
        var expectedMajority = _cases.Count(c => FileMajority(c) == c.Label);
        var liveMajority = _cases.Where((c, i) => (verdicts[i].Decision == Decision.Show ? 1 : 2) == c.Label).Count();
        Assert.Equal(expectedMajority, liveMajority);
        foreach (var (judge, model, readme) in Judges)
        {
            var correct = _cases.Where((c, i) => verdicts[i].Judges.Single(j => j.Model == model) is { Answered: true } v && (v.Passed ? 1 : 2) == c.Label).Count();
            Assert.True(readme == correct, $"{judge}: {correct} correct on the live path, README says {readme}");
        }
    }

    private static async Task<TurnVerdict> FinalVerdictAsync(Eval.V1.EvalService.EvalServiceClient client, LlmBarCase c)
    {
        var verdict = await client.EvaluateTurnAsync(new EvaluateTurnRequest
        {
            ConversationId = "llmbar-" + c.Id,
            TurnIndex = 1,
            UserRequest = $"[case {c.Id}]\n{c.Input}",
            AssistantResponse = c.Output1,
            Documents = { new ContextDocument { Id = "output-2", Text = c.Output2 } },
            Suite = "llmbar-manual",
            BudgetMs = 30_000,
        });
        if (verdict.Final && verdict.Complete)
        {
            return verdict;
        }

        // A loaded machine may need longer than the budget, and a jury may decide before its last judges answer:
        // the complete verdict (every judge's answer in) follows on the watch stream.
        using var watch = client.WatchTurn(new WatchTurnRequest { TurnId = verdict.TurnId }, deadline: DateTime.UtcNow.AddSeconds(120));
        while (await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            if (watch.ResponseStream.Current is { Final: true, Complete: true })
            {
                return watch.ResponseStream.Current;
            }
        }

        throw new InvalidOperationException($"turn {verdict.TurnId} ended its watch without a final verdict");
    }

    /// <summary>Straight from the file, as its README counts: null votes abstain, a tie goes to GPT-4.</summary>
    private static int FileMajority(LlmBarCase c)
    {
        var votes = Judges.Select(j => c.Verdicts[j.Judge]).Where(v => v is not null).ToList();
        var ones = votes.Count(v => v == 1);
        var twos = votes.Count(v => v == 2);
        return ones > twos ? 1 : twos > ones ? 2 : c.Verdicts["GPT-4/Vanilla"] ?? 0;
    }

    private static string Recording(LlmBarCase c, string judge, string model) => JsonSerializer.Serialize(new
    {
        model,
        match = new { contains = $"[case {c.Id}]" },
        content = c.Verdicts[judge] switch
        {
            1 => """{"pass": true, "reason": "recorded: output 1 is better"}""",
            2 => """{"pass": false, "reason": "recorded: output 2 is better"}""",
            _ => "no verdict",
        },
    });

    private static string SuiteYaml() => $"""
        name: llmbar-manual
        jury:
          aggregation: majority
          quorum: 1
          judges:
        {string.Concat(Judges.Select(j => $"    - name: {j.Model}\n      model: {j.Model}\n      output: pass_fail\n      rubric: Is output 1 better than the other candidate?\n      max_attempts: 1\n"))}live:
          budget: 30s
          when_late: retract_pending
        """;
}
