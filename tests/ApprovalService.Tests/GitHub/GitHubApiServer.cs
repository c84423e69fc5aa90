using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Agentic.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Agentic.ApprovalService.Tests.GitHub;

/// <summary>
/// GitHub cannot be reached from tests, so this loopback server answers the few REST endpoints the GitHub code host
/// calls (repository, refs, commits, raw contents, blobs, trees, pull requests) for one repository held in memory,
/// the way the GitHub Enterprise API does under /api/v3. It records every request so tests can check what was sent.
/// </summary>
public sealed class GitHubApiServer : IAsyncDisposable
{
    private const string Prefix = "/api/v3/repos/{owner}/{name}";
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, byte[]> _blobs = [];
    private readonly Dictionary<string, Dictionary<string, string>> _trees = [];
    private readonly Dictionary<string, (string Tree, string Message)> _commits = [];
    private readonly Dictionary<string, string> _refs = [];
    private readonly List<JsonObject> _pulls = [];

    private GitHubApiServer(WebApplication app, string repository, Uri address)
    {
        _app = app;
        Repository = repository;
        Address = address;
    }

    public string Repository { get; }

    /// <summary>What the service is configured with as Approval:GitHub:ApiUrl.</summary>
    public Uri Address { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public const string DefaultBranch = "main";

    /// <summary>A server whose repository's default branch holds one commit with <paramref name="files"/>.</summary>
    public static async Task<GitHubApiServer> StartAsync(string repository, IReadOnlyDictionary<string, string> files)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort.Next();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new GitHubApiServer(app, repository, new Uri($"http://127.0.0.1:{port}/"));
        server.Seed(files);
        server.Map(app);
        await app.StartAsync();
        return server;
    }

    public IReadOnlyList<JsonObject> PullRequests()
    {
        lock (_lock)
        {
            return _pulls.Select(pull => (JsonObject)pull.DeepClone()).ToList();
        }
    }

    /// <summary>A file's text on a branch (or at a commit), null when absent.</summary>
    public string? Read(string reference, string path)
    {
        lock (_lock)
        {
            var sha = _refs.GetValueOrDefault("refs/heads/" + reference) ?? reference;
            return _commits.TryGetValue(sha, out var commit) && _trees[commit.Tree].TryGetValue(path, out var blob)
                ? Encoding.UTF8.GetString(_blobs[blob])
                : null;
        }
    }

    public string CommitMessage(string reference)
    {
        lock (_lock)
        {
            return _commits[_refs.GetValueOrDefault("refs/heads/" + reference) ?? reference].Message;
        }
    }

    public IReadOnlyCollection<string> Refs()
    {
        lock (_lock)
        {
            return _refs.Keys.ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Seed(IReadOnlyDictionary<string, string> files)
    {
        var tree = files.ToDictionary(file => file.Key, file => AddBlob(Encoding.UTF8.GetBytes(file.Value)), StringComparer.Ordinal);
        var treeSha = Sha("tree", string.Join(',', tree.Select(item => item.Key + "=" + item.Value)));
        _trees[treeSha] = tree;
        var commit = Sha("commit", treeSha);
        _commits[commit] = (treeSha, "dbt project");
        _refs["refs/heads/" + DefaultBranch] = commit;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            Requests.Enqueue(new RecordedRequest(
                context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString(), body));
            await next();
        });
        app.MapGet(Prefix, () => Results.Json(new { id = 1, name = Repository.Split('/')[1], full_name = Repository, default_branch = DefaultBranch }));
        app.MapGet(Prefix + "/git/ref/{**reference}", (string reference) => GetRef("refs/" + reference));
        app.MapGet(Prefix + "/git/refs/{**reference}", (string reference) => GetRef("refs/" + reference));
        app.MapGet(Prefix + "/git/commits/{sha}", (string sha) => Locked(() =>
            _commits.TryGetValue(sha, out var commit) ? Results.Json(new { sha, message = commit.Message, tree = new { sha = commit.Tree } }) : NotFound()));
        app.MapGet(Prefix + "/contents/{**path}", (string path, string? @ref) => Read(@ref ?? DefaultBranch, path) is { } text
            ? Results.Bytes(Encoding.UTF8.GetBytes(text), "application/vnd.github.v3.raw")
            : NotFound());
        Post(app, "/git/blobs", blob =>
        {
            var content = blob["content"]!.GetValue<string>();
            var bytes = blob["encoding"]?.GetValue<string>() == "base64" ? Convert.FromBase64String(content) : Encoding.UTF8.GetBytes(content);
            return Results.Json(new { sha = AddBlob(bytes) }, statusCode: 201);
        });
        Post(app, "/git/trees", tree =>
        {
            var items = new Dictionary<string, string>(_trees[tree["base_tree"]!.GetValue<string>()], StringComparer.Ordinal);
            foreach (var item in tree["tree"]!.AsArray())
            {
                items[item!["path"]!.GetValue<string>()] = item["sha"]!.GetValue<string>();
            }

            var sha = Sha("tree", string.Join(',', items.Select(item => item.Key + "=" + item.Value)));
            _trees[sha] = items;
            return Results.Json(new { sha }, statusCode: 201);
        });
        Post(app, "/git/commits", commit =>
        {
            var tree = commit["tree"]!.GetValue<string>();
            var message = commit["message"]!.GetValue<string>();
            var sha = Sha("commit", tree + message + commit["parents"]!.ToJsonString());
            _commits[sha] = (tree, message);
            return Results.Json(new { sha, message, tree = new { sha = tree } }, statusCode: 201);
        });
        Post(app, "/git/refs", reference =>
        {
            var name = reference["ref"]!.GetValue<string>();
            if (!_refs.TryAdd(name, reference["sha"]!.GetValue<string>()))
            {
                return Results.Json(new { message = "Reference already exists" }, statusCode: 422);
            }

            return Results.Json(new { @ref = name, @object = new { sha = _refs[name], type = "commit" } }, statusCode: 201);
        });
        app.MapGet(Prefix + "/pulls", (string? head) => Locked(() =>
            Results.Json(_pulls.Where(pull => head is null || head.EndsWith(":" + pull["head"]!["ref"]!.GetValue<string>(), StringComparison.Ordinal)).ToList())));
        Post(app, "/pulls", pull =>
        {
            var head = pull["head"]!.GetValue<string>();
            if (!_refs.TryGetValue("refs/heads/" + head, out var sha))
            {
                return Results.Json(new { message = "Validation Failed: head does not exist" }, statusCode: 422);
            }

            var number = _pulls.Count + 1;
            var created = new JsonObject
            {
                ["number"] = number,
                ["state"] = "open",
                ["html_url"] = $"https://github.example/{Repository}/pull/{number}",
                ["title"] = pull["title"]?.GetValue<string>(),
                ["body"] = pull["body"]?.GetValue<string>(),
                ["head"] = new JsonObject { ["ref"] = head, ["sha"] = sha },
                ["base"] = new JsonObject { ["ref"] = pull["base"]!.GetValue<string>() },
            };
            _pulls.Add(created);
            return Results.Json(created, statusCode: 201);
        });
    }

    private void Post(WebApplication app, string path, Func<JsonObject, IResult> handler) =>
        app.MapPost(Prefix + path, async (HttpRequest request) =>
        {
            // Octokit sends JSON without always saying so, hence no model binding.
            var body = (JsonObject)JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
            return Locked(() => handler(body));
        });

    private IResult GetRef(string name) => Locked(() => _refs.TryGetValue(name, out var sha)
        ? Results.Json(new { @ref = name, @object = new { sha, type = "commit" } })
        : NotFound());

    private IResult Locked(Func<IResult> action)
    {
        lock (_lock)
        {
            return action();
        }
    }

    private string AddBlob(byte[] bytes)
    {
        var sha = Convert.ToHexString(SHA256.HashData(bytes), 0, 20).ToLowerInvariant();
        _blobs[sha] = bytes;
        return sha;
    }

    private static IResult NotFound() => Results.Json(new { message = "Not Found" }, statusCode: 404);

    private static string Sha(string kind, string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\0" + text)), 0, 20).ToLowerInvariant();
}
