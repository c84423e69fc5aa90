using System.Text;
using System.Text.Json;
using Agentic.Eval.V1;
using Agentic.EvalService.Activities;
using Agentic.EvalService.Grpc;
using Agentic.EvalService.Workflows;
using Agentic.Testing;
using Agentic.WorkerDefaults.Temporal;
using Google.Protobuf;
using Grpc.Core;
using Temporalio.Common;
using Temporalio.Converters;
using Temporalio.Worker;

namespace Agentic.EvalService.Tests.Integration;

[Collection(EvalEnvironmentCollection.Name)]
public sealed class LiveTurnTests(EvalEnvironment environment)
{
    private Eval.V1.EvalService.EvalServiceClient Client => environment.Service.Client;

    private async Task<Suite> RegisterAsync(string yaml) => await Client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = yaml });

    private static EvaluateTurnRequest Turn(string suite, string conversation, string response, int? budgetMs = null, string callback = "")
    {
        var request = new EvaluateTurnRequest
        {
            ConversationId = conversation,
            TurnIndex = 1,
            UserRequest = "How do I reset my password?",
            AssistantResponse = response,
            Suite = suite,
            CallbackUrl = callback,
        };
        request.Documents.Add(new ContextDocument { Id = "kb-1", Text = "Passwords are reset under Settings > Security." });
        if (budgetMs is { } budget)
        {
            request.BudgetMs = budget;
        }

        return request;
    }

    [Fact]
    public async Task EvaluateTurn_JuryPassesWithinBudget_Shows()
    {
        await RegisterAsync(Suites.Live("live-pass"));

        var verdict = await Client.EvaluateTurnAsync(Turn("live-pass", "conv-pass", "Open Settings > Security and choose Reset password."));

        Assert.True(verdict.Decision == Decision.Show, $"{verdict.Decision}: {verdict.Reason}; {string.Join("; ", verdict.Judges.Select(j => j.Error))}");
        Assert.True(verdict.Final);
        Assert.Equal(2, verdict.Judges.Count);
        Assert.All(verdict.Judges, j => Assert.True(j.Answered));
        Assert.Equal(2, verdict.Checks.Count);
        Assert.True(verdict.Jury.Passed);
        Assert.Equal("mean", verdict.Jury.Aggregation);
    }

    [Fact]
    public async Task EvaluateTurn_PiiInAnswer_BlocksWithoutRawValue()
    {
        await RegisterAsync(Suites.Live("live-pii"));

        var verdict = await Client.EvaluateTurnAsync(Turn("live-pii", "conv-pii", "Sure, the card on file is 4111 1111 1111 1111."));

        Assert.Equal(Decision.Block, verdict.Decision);
        Assert.True(verdict.Final);
        Assert.Empty(verdict.Judges);
        var pii = Assert.Single(verdict.Checks.Single(c => c.Id == "no-pii").Pii);
        Assert.Equal("credit_card", pii.Type);
        Assert.Equal("**** **** **** 1111", pii.Preview);
        Assert.DoesNotContain("4111 1111 1111 1111", verdict.ToString(), StringComparison.Ordinal);

        // The answer (and the card in it) is in the workflow's input and its check's input, but only encrypted.
        var history = await environment.Emulator.Client.GetWorkflowHandle(TurnClient.WorkflowId(verdict.TurnId)).FetchHistoryAsync();
        var raw = history.Events.SelectMany(e => e.ToByteArray()).ToArray();
        Assert.True(raw.AsSpan().IndexOf("binary/encrypted"u8) >= 0, "payloads are encrypted");
        Assert.True(raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes("4111 1111 1111 1111")) < 0, "the card number is not in the history");
        Assert.True(raw.AsSpan().IndexOf("card on file"u8) < 0, "the answer is not in the history");
    }

    [Fact]
    public async Task EvaluateTurn_JuryLateAndFails_ShowsProvisionallyThenRetracts()
    {
        await RegisterAsync(Suites.Live("live-late", threshold: 1.0));
        await using var webhook = await WebhookReceiver.StartAsync();

        var first = await Client.EvaluateTurnAsync(Turn("live-late", "conv-late", "Try turning it off and on again.", budgetMs: 1, callback: webhook.Url.ToString()));

        Assert.Equal(Decision.ShowProvisional, first.Decision);
        Assert.False(first.Final);
        var seen = new List<TurnVerdict>();
        using var watch = Client.WatchTurn(new WatchTurnRequest { TurnId = first.TurnId });
        while (await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            seen.Add(watch.ResponseStream.Current);
        }

        Assert.Equal(Decision.Retract, seen[^1].Decision);
        Assert.True(seen[^1].Final);
        Assert.False(seen[^1].Jury.Passed);

        await Poll.UntilAsync(() => webhook.Received.Count >= 2, TimeSpan.FromSeconds(60), "both callbacks arrive");
        var decisions = webhook.Received.Select(hook =>
        {
            Assert.Equal(NotifyActivities.Sign(EvalServiceHost.WebhookSecret, hook.Timestamp, hook.Body), hook.Signature);
            return JsonDocument.Parse(hook.Body).RootElement.GetProperty("decision").GetInt32();
        }).ToList();
        Assert.Equal([(int)TurnDecision.ShowProvisional, (int)TurnDecision.Retract], decisions.Order());
        Assert.DoesNotContain(webhook.Received, hook => hook.Signature == NotifyActivities.Sign("wrong-secret-0123456789", hook.Timestamp, hook.Body));
    }

    [Fact]
    public async Task EvaluateTurn_JuryLateWithRetractPending_HoldsThenBlocks()
    {
        await RegisterAsync(Suites.Live("live-hold", threshold: 1.0, whenLate: "retract_pending"));

        var first = await Client.EvaluateTurnAsync(Turn("live-hold", "conv-hold", "Maybe.", budgetMs: 1));

        Assert.Equal(Decision.RetractPending, first.Decision);
        var final = await WaitFinalAsync(first.TurnId);
        Assert.Equal(Decision.Block, final.Decision);
    }

    [Fact]
    public async Task EvaluateTurn_OneJudgeTimesOutQuorumHolds_DecidesAndSaysWhoAnswered()
    {
        await RegisterAsync(Suites.Live("live-quorum", quorum: 2, failingJudge: true));

        var verdict = await Client.EvaluateTurnAsync(Turn("live-quorum", "conv-quorum", "Open Settings > Security."));

        // Threshold 0 and a quorum of two: settled as soon as two judges answer, whatever the third does.
        Assert.Equal(Decision.Show, verdict.Decision);
        Assert.True(verdict.Final);
        Assert.True(verdict.Jury.QuorumMet);
        var complete = await WaitFinalAsync(verdict.TurnId);
        Assert.Equal(Decision.Show, complete.Decision);
        Assert.Equal(2, complete.Jury.Answered);
        Assert.Equal(3, complete.Judges.Count);
        var hasty = complete.Judges.Single(j => j.Judge == "hasty");
        Assert.False(hasty.Answered);
        Assert.NotEmpty(hasty.Error);
    }

    [Fact]
    public async Task EvaluateTurn_TooManyJudgesFail_EscalatesWithoutQuorum()
    {
        await RegisterAsync(Suites.Live("live-noquorum", quorum: 3, failingJudge: true));

        var verdict = await Client.EvaluateTurnAsync(Turn("live-noquorum", "conv-noquorum", "Open Settings > Security."));

        // Settled the moment the hasty judge fails (three answers can no longer be had); the others still report.
        Assert.Equal(Decision.Escalated, verdict.Decision);
        Assert.False(verdict.Jury.QuorumMet);
        var complete = await WaitFinalAsync(verdict.TurnId);
        Assert.Equal(Decision.Escalated, complete.Decision);
        Assert.Equal(2, complete.Jury.Answered);
        Assert.All(complete.Judges.Where(j => j.Judge != "hasty"), j => Assert.True(j.Answered));
    }

    [Fact]
    public async Task EvaluateTurn_SuiteRegisteredAgain_UsesTheNewVersionAtOnce()
    {
        var first = await RegisterAsync(Suites.Live("live-versions"));
        await Client.EvaluateTurnAsync(Turn("live-versions", "conv-versions-1", "Open Settings > Security."));
        var second = await RegisterAsync(Suites.Live("live-versions", threshold: 0.1));

        var verdict = await Client.EvaluateTurnAsync(Turn("live-versions", "conv-versions-2", "Open Settings > Security."));

        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal(second.Version, verdict.SuiteVersion);
    }

    [Fact]
    public async Task EvaluateTurn_SameTurnTwice_RunsOneWorkflow()
    {
        await RegisterAsync(Suites.Live("live-idem"));

        var first = await Client.EvaluateTurnAsync(Turn("live-idem", "conv-idem", "Open Settings > Security."));
        var second = await Client.EvaluateTurnAsync(Turn("live-idem", "conv-idem", "Open Settings > Security."));

        Assert.Equal(first.TurnId, second.TurnId);
        Assert.Equal(first.Decision, second.Decision);
        var runs = await environment.Emulator.Client.ListWorkflowsAsync($"WorkflowId = '{TurnClient.WorkflowId(first.TurnId)}'").CountAsync();
        Assert.Equal(1, runs);
    }

    [Theory]
    [InlineData(0, "budget_ms")]
    [InlineData(-5, "budget_ms")]
    public async Task EvaluateTurn_BudgetNotPositive_IsInvalidArgumentNamingField(int budget, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EvaluateTurnAsync(Turn("live-pass", "conv-bad", "x", budgetMs: budget)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateTurn_UnknownSuite_IsInvalidArgumentNamingSuite()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.EvaluateTurnAsync(Turn("no-such-suite", "conv-unknown", "x")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("suite:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchTurn_UnknownTurn_IsNotFound()
    {
        using var watch = Client.WatchTurn(new WatchTurnRequest { TurnId = "nobody/1" });

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Workflows_Histories_ReplayWithoutNondeterminism()
    {
        await RegisterAsync(Suites.Live("live-replay", threshold: 1.0, quorum: 2, failingJudge: true));
        var first = await Client.EvaluateTurnAsync(Turn("live-replay", "conv-replay", "Reboot.", budgetMs: 1));
        await WaitFinalAsync(first.TurnId);

        var client = environment.Emulator.Client;
        var histories = new List<WorkflowHistory>();
        await foreach (var execution in client.ListWorkflowsAsync($"WorkflowId STARTS_WITH '{TurnClient.WorkflowId(first.TurnId)}'"))
        {
            histories.Add(await client.GetWorkflowHandle(execution.Id, execution.RunId).FetchHistoryAsync());
        }

        Assert.Equal(4, histories.Count);
        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions
        {
            DataConverter = DataConverter.Default with { PayloadCodec = PayloadEncryptionCodec.FromBase64(EvalServiceHost.PayloadKey) },
        }.AddWorkflow<TurnWorkflow>().AddWorkflow<JudgeWorkflow>());
        foreach (var result in await replayer.ReplayWorkflowsAsync(histories))
        {
            Assert.Null(result.ReplayFailure);
        }
    }

    private async Task<TurnVerdict> WaitFinalAsync(string turnId)
    {
        TurnVerdict? last = null;
        using var watch = Client.WatchTurn(new WatchTurnRequest { TurnId = turnId });
        while (await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            last = watch.ResponseStream.Current;
        }

        Assert.NotNull(last);
        Assert.True(last.Final);
        Assert.True(last.Complete);
        return last;
    }
}
