using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Namespace.V1;
using Temporalio.Api.Replication.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Executions;

/// <summary>Registered namespaces; their retention period decides how long closed runs are kept (<see cref="ClosedRunRetention"/>).</summary>
internal sealed class NamespaceRegistry(EmulatorContext context)
{
    public const string DocumentKind = "namespace";

    private readonly ConcurrentDictionary<string, DescribeNamespaceResponse> _namespaces = new(StringComparer.Ordinal);

    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(1);

    public bool Exists(string name) => _namespaces.ContainsKey(name);

    /// <summary>How long closed runs of the namespace are kept; a namespace without a retention keeps them a day.</summary>
    public TimeSpan Retention(string name) =>
        _namespaces.TryGetValue(name, out var found) && found.Config?.WorkflowExecutionRetentionTtl is { } ttl && ttl.ToTimeSpan() > TimeSpan.Zero
            ? ttl.ToTimeSpan()
            : DefaultRetention;

    public bool TryRegister(string name, string description, Duration? retention)
    {
        var response = new DescribeNamespaceResponse
        {
            NamespaceInfo = new NamespaceInfo
            {
                Name = name,
                Id = Guid.NewGuid().ToString(),
                State = NamespaceState.Registered,
                Description = description,
                Capabilities = new NamespaceInfo.Types.Capabilities { EagerWorkflowStart = true },
            },
            Config = new NamespaceConfig
            {
                WorkflowExecutionRetentionTtl = retention ?? Duration.FromTimeSpan(DefaultRetention),
                HistoryArchivalState = ArchivalState.Disabled,
                VisibilityArchivalState = ArchivalState.Disabled,
            },
            ReplicationConfig = new NamespaceReplicationConfig
            {
                ActiveClusterName = "active",
                State = ReplicationState.Normal,
                Clusters = { new ClusterReplicationConfig { ClusterName = "active" } },
            },
            IsGlobalNamespace = false,
        };
        if (!_namespaces.TryAdd(name, response))
        {
            return false;
        }

        context.Store?.PutDocument(DocumentKind, name, Google.Protobuf.MessageExtensions.ToByteArray(response));
        return true;
    }

    /// <summary>A namespace from the database file, with the id it was registered under.</summary>
    public void Restore(DescribeNamespaceResponse stored) => _namespaces[stored.NamespaceInfo.Name] = stored;

    public DescribeNamespaceResponse? Describe(string name) =>
        _namespaces.TryGetValue(name, out var found) ? found.Clone() : null;

    public DescribeNamespaceResponse? DescribeById(string id) =>
        _namespaces.Values.FirstOrDefault(n => n.NamespaceInfo.Id == id)?.Clone();

    public IReadOnlyList<DescribeNamespaceResponse> All() => [.. _namespaces.Values.Select(n => n.Clone())];
}
