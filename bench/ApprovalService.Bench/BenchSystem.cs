using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Agentic.Approval.V1;
using Agentic.ApprovalService.Portal;
using Agentic.Bench;
using Agentic.Emulator;
using Agentic.LocalGateway;
using Agentic.LocalServers;
using Grpc.Net.Client;
using LibGit2Sharp;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Agentic.ApprovalService.Bench;

/// <summary>Every part the approval service needs, started in this process, and the service itself.</summary>
public sealed partial class BenchSystem : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
    private string _repository = string.Empty;
    private Approval.V1.ApprovalService.ApprovalServiceClient _client = null!;
    private GrpcChannel _channel = null!;
    private TemporalEmulator _emulator = null!;

    public static async Task<BenchSystem> StartAsync(string directory)
    {
        var system = new BenchSystem();
        var redis = await RedisServer.StartAsync();
        system._parts.Add(redis);
        var postgres = await PostgresServer.StartAsync();
        system._parts.Add(postgres);
        var gateway = await LlmGatewayServer.StartAsync(new LlmGatewayServerOptions { RedisConnectionString = redis.ConnectionString });
        system._parts.Add(gateway);
        var emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions());
        system._parts.Add(emulator);
        system._emulator = emulator;

        system._repository = Path.Combine(directory, "repo");
        Repository.Init(system._repository);
        using (var repo = new Repository(system._repository))
        {
            var signature = new Signature("bench", "bench@example.invalid", DateTimeOffset.UtcNow);
            repo.Commit("empty", signature, signature, new CommitOptions { AllowEmptyCommit = true });
        }

        var (grpcPort, portalPort) = (FreePort.Next(), FreePort.Next());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TEMPORAL_ADDRESS"] = emulator.Address,
            ["LlmGateway:BaseUrl"] = gateway.BaseAddress.ToString(),
            ["LlmGateway:ApiKey"] = gateway.ApiKey,
            ["ConnectionStrings:approvaldb"] = await postgres.CreateDatabaseAsync("approval"),
            ["Approval:Users:bench:Password"] = "bench",
            ["Approval:Users:bench:Groups:0"] = "admins",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, portalPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        builder.AddApprovalPortal();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapApprovalGrpcService();
        app.MapApprovalPortal();
        await app.StartAsync();
        system._parts.Insert(0, app);
        system._channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        system._client = new Approval.V1.ApprovalService.ApprovalServiceClient(system._channel);
        system._http.BaseAddress = new Uri($"http://127.0.0.1:{portalPort}/");
        return system;
    }

    public async Task<int> ImportAsync(string manifest)
    {
        var response = await _client.ImportManifestAsync(new ImportManifestRequest { ManifestPath = manifest, RepositoryPath = _repository });
        return response.ProposalsStarted + response.ProposalsUpdated;
    }

    /// <summary>Waits until no proposal is still being drafted; returns how many still were when the limit passed (0 = all drafted).</summary>
    public async Task<int> WaitDraftedAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var request = new ListProposalsRequest { Project = "bench", PageSize = 1000 };
            request.States.Add(ProposalState.Drafting);
            var drafting = (await _client.ListProposalsAsync(request)).Proposals.Count;
            if (drafting == 0 || DateTime.UtcNow > deadline)
            {
                return drafting;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    public async Task SignInAsync()
    {
        var form = await _http.GetStringAsync("SignIn");
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "bench", ["password"] = "bench", ["__RequestVerificationToken"] = token,
        });
        using var response = await _http.PostAsync("SignIn", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
        }
    }

    public async Task<string> MeasureAsync(string name, string path, int requests)
    {
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await _http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
            }
        }

        times.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"portal {name}: {requests} requests, p50 {times[times.Count / 2]:F1} ms, p99 {times[(int)(times.Count * 0.99)]:F1} ms");
    }

    /// <summary>
    /// The search as it was before the read model, for a side-by-side figure in the same run: list every proposal
    /// workflow through Temporal visibility and filter the memos (what each portal search did until then).
    /// </summary>
    public async Task<string> MeasureVisibilityScanAsync(string text, int requests)
    {
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var found = 0;
            await foreach (var execution in _emulator.Client.ListWorkflowsAsync($"WorkflowType = '{nameof(Workflows.DescribeModelWorkflow)}'"))
            {
                if (seen.Add(execution.Id) && execution.Memo.TryGetValue(Workflows.DescribeModelWorkflow.MemoKey, out var memo)
                    && (await memo.ToValueAsync<Workflows.ProposalSummary>()).Name.Contains(text, StringComparison.OrdinalIgnoreCase))
                {
                    found++;
                }
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
            if (found == 0)
            {
                throw new InvalidOperationException($"the visibility scan found no proposal named like {text}");
            }
        }

        times.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"visibility scan (the search before the read model): {requests} requests, p50 {times[times.Count / 2]:F1} ms, p99 {times[(int)(times.Count * 0.99)]:F1} ms");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _channel?.Dispose();
        foreach (var part in _parts)
        {
            await part.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
