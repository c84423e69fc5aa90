using System.Globalization;
using Agentic.Emulator.Visibility;
using Google.Protobuf;
using Grpc.Core;
using Temporalio.Api.Common.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    private const int DefaultPageSize = 1000;

    public Task<ListWorkflowExecutionsResponse> ListWorkflowExecutions(ListWorkflowExecutionsRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        var query = VisibilityQueryParser.Parse(request.Query, IsKnownAttribute);
        var offset = request.NextPageToken.IsEmpty ? 0 : int.Parse(request.NextPageToken.ToStringUtf8(), CultureInfo.InvariantCulture);
        var pageSize = request.PageSize > 0 ? request.PageSize : DefaultPageSize;
        var page = query.Apply(Records(request.Namespace)).Skip(offset).Take(pageSize + 1).ToList();
        var response = new ListWorkflowExecutionsResponse();
        response.Executions.AddRange(page.Take(pageSize).Select(record => record.Info));
        if (page.Count > pageSize)
        {
            response.NextPageToken = ByteString.CopyFromUtf8((offset + pageSize).ToString(CultureInfo.InvariantCulture));
        }

        return Task.FromResult(response);
    }

    public Task<CountWorkflowExecutionsResponse> CountWorkflowExecutions(CountWorkflowExecutionsRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        var text = request.Query ?? string.Empty;
        const string GroupBy = "GROUP BY ExecutionStatus";
        var grouped = text.TrimEnd().EndsWith(GroupBy, StringComparison.OrdinalIgnoreCase);
        if (grouped)
        {
            text = text.TrimEnd()[..^GroupBy.Length];
        }

        var matching = VisibilityQueryParser.Parse(text, IsKnownAttribute).Apply(Records(request.Namespace)).ToList();
        var response = new CountWorkflowExecutionsResponse { Count = matching.Count };
        if (grouped)
        {
            foreach (var group in matching.GroupBy(record => record.Info.Status))
            {
                var value = new Payload { Data = ByteString.CopyFromUtf8($"\"{VisibilityRecord.StatusName(group.Key)}\"") };
                value.Metadata["encoding"] = ByteString.CopyFromUtf8("json/plain");
                value.Metadata["type"] = ByteString.CopyFromUtf8("Keyword");
                response.Groups.Add(new CountWorkflowExecutionsResponse.Types.AggregationGroup
                {
                    GroupValues = { value },
                    Count = group.Count(),
                });
            }
        }

        return Task.FromResult(response);
    }

    private bool IsKnownAttribute(string name) =>
        BuiltInSearchAttributes.Types.ContainsKey(name) || name is "ParentWorkflowId" or "RootWorkflowId"
        || context.CustomSearchAttributes.ContainsKey(name);

    private IEnumerable<VisibilityRecord> Records(string @namespace) =>
        Executions.All.Where(run => run.Namespace == @namespace).Select(run => new VisibilityRecord(run.Info()));
}
