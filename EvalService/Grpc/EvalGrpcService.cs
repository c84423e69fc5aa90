using System.Diagnostics;
using Agentic.Eval.V1;
using Agentic.EvalService.Options;
using Agentic.EvalService.Storage;
using Agentic.EvalService.Suites;
using Agentic.EvalService.Telemetry;
using Agentic.EvalService.Workflows;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Agentic.EvalService.Grpc;

/// <summary>
/// The gRPC face of the eval service: suites (stored versions) and live turns (turn workflows) here; offline
/// runs and their schedules in the other parts of this class.
/// </summary>
internal sealed partial class EvalGrpcService(
    SuiteStore suites,
    RunStore runs,
    TurnClient turns,
    LiveSuiteCache liveSuites,
    RunClient runClient,
    ScheduleClient scheduleClient,
    GatewayModels models,
    EvalMetrics metrics,
    IOptions<EvalOptions> options)
    : Eval.V1.EvalService.EvalServiceBase
{
    public override async Task<Suite> RegisterSuite(RegisterSuiteRequest request, ServerCallContext context)
    {
        SuiteDefinition definition;
        try
        {
            definition = SuiteParser.Parse(request.Yaml);
        }
        catch (SuiteValidationException exception)
        {
            throw GrpcErrors.Invalid("yaml", exception.Message);
        }

        for (var i = 0; i < definition.Jury.Judges.Count; i++)
        {
            var judge = definition.Jury.Judges[i];
            if (!await models.ExistsAsync(judge.Model, context.CancellationToken))
            {
                throw GrpcErrors.Invalid("yaml", $"jury.judges[{i}].model: the gateway does not route a model named '{judge.Model}'");
            }
        }

        var stored = await Store(() => suites.RegisterAsync(definition, request.Yaml, context.CancellationToken));
        liveSuites.Forget(stored.Name);
        return ToSuite(stored);
    }

    public override async Task<Suite> GetSuite(GetSuiteRequest request, ServerCallContext context) =>
        ToSuite(await FindSuiteAsync(request.Name, request.Version, "name", context.CancellationToken));

    public override async Task<ListSuitesResponse> ListSuites(ListSuitesRequest request, ServerCallContext context)
    {
        var response = new ListSuitesResponse();
        response.Suites.AddRange((await Store(() => suites.ListAsync(context.CancellationToken))).Select(ToSuite));
        return response;
    }

    public override async Task<TurnVerdict> EvaluateTurn(EvaluateTurnRequest request, ServerCallContext context)
    {
        var received = ReceivedAt(context);
        EvaluateTurnValidator.Validate(request, options.Value.MaxBudget);
        if (request.CallbackUrl.Length > 0 && options.Value.WebhookSecret.Length < 16)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "callback_url: eval-service has no webhook secret (Eval:WebhookSecret) to sign callbacks with"));
        }

        var suite = await FindSuiteAsync(request.Suite, request.SuiteVersion, "suite", liveSuites.GetAsync, context.CancellationToken);
        LiveTurnEvents.Mark(Activity.Current, LiveTurnEvents.SuiteLoaded);
        var budget = request.HasBudgetMs ? TimeSpan.FromMilliseconds(request.BudgetMs) : suite.Definition.Live.Budget;

        // The late answer must leave by the end of the budget counted from the request's receipt: stop waiting a
        // little before it, to write the reply.
        var margin = options.Value.LateAnswerMargin < budget / 4 ? options.Value.LateAnswerMargin : budget / 4;
        var input = new TurnInput(
            $"{request.ConversationId}/{request.TurnIndex}",
            suite.Name,
            suite.Version,
            suite.Definition,
            request.UserRequest,
            request.AssistantResponse,
            [.. request.Documents.Select(d => d.Text), .. request.ToolCalls.Select(t => $"tool {t.Name}({t.ArgumentsJson}) returned: {t.Result}")],
            request.CallbackUrl.Length > 0 ? request.CallbackUrl : null,
            received + budget - margin);

        var state = await turns.EvaluateAsync(input, context.CancellationToken);
        metrics.LiveDecided(suite.Name, state.Decision);
        return TurnMapper.ToVerdict(state, (long)(DateTimeOffset.UtcNow - received).TotalMilliseconds);
    }

    public override async Task WatchTurn(WatchTurnRequest request, IServerStreamWriter<TurnVerdict> responseStream, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.TurnId))
        {
            throw GrpcErrors.Invalid("turn_id", "is required");
        }

        var clock = Stopwatch.StartNew();
        var revision = -1;
        while (true)
        {
            var state = await turns.GetAsync(request.TurnId, context.CancellationToken)
                ?? throw GrpcErrors.NotFound($"turn '{request.TurnId}' not found");
            if (state.Revision > revision)
            {
                await responseStream.WriteAsync(TurnMapper.ToVerdict(state, clock.ElapsedMilliseconds), context.CancellationToken);
                revision = state.Revision;
            }

            // A jury may decide before its last judges answer; their answers still come (and can only confirm it).
            if (state.Final && state.Complete)
            {
                return;
            }

            await Task.Delay(options.Value.WatchInterval, context.CancellationToken);
        }
    }

    /// <summary>When the request arrived: the start of its server span, or now when no one records spans.</summary>
    private static DateTimeOffset ReceivedAt(ServerCallContext context) =>
        context.GetHttpContext().Features.Get<IHttpActivityFeature>()?.Activity is { StartTimeUtc: var start } && start != default
            ? new DateTimeOffset(start, TimeSpan.Zero)
            : DateTimeOffset.UtcNow;

    private Task<StoredSuite> FindSuiteAsync(string name, int version, string field, CancellationToken cancellationToken) =>
        FindSuiteAsync(name, version, field, suites.GetAsync, cancellationToken);

    private static async Task<StoredSuite> FindSuiteAsync(
        string name, int version, string field, Func<string, int, CancellationToken, Task<StoredSuite?>> find, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GrpcErrors.Invalid(field, "is required");
        }

        return await Store(() => find(name, version, cancellationToken))
            ?? throw GrpcErrors.Invalid(field, version == 0 ? $"no suite named '{name}'" : $"suite '{name}' has no version {version}");
    }

    private static async Task<T> Store<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DatabaseNotConfiguredException exception)
        {
            throw GrpcErrors.NoDatabase(exception.Message);
        }
    }

    private static Suite ToSuite(StoredSuite stored)
    {
        var suite = new Suite
        {
            Name = stored.Name,
            Version = stored.Version,
            Yaml = stored.Yaml,
            Description = stored.Definition.Description,
            Aggregation = YamlFields.SnakeCase(stored.Definition.Jury.Aggregation.ToString()),
            RegisteredAt = Timestamp.FromDateTimeOffset(stored.RegisteredAt),
            Unchanged = stored.Unchanged,
        };
        suite.CheckIds.AddRange(stored.Definition.Checks.Select(c => c.Id));
        suite.JudgeNames.AddRange(stored.Definition.Jury.Judges.Select(j => j.Name));
        return suite;
    }
}
