using Agentic.Emulator.Executions;
using Agentic.Emulator.Visibility;
using Grpc.Core;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;

namespace Agentic.Emulator.Frontend;

/// <summary>
/// The part of Temporal's OperatorService that tools and SDK helpers call to manage custom search attributes.
/// Attributes are cluster-wide here, as they are on the dev server; the rest of the service answers UNIMPLEMENTED.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "RPC handlers are bound by name as instance methods.")]
internal sealed class OperatorServiceEndpoint(EmulatorContext context)
{
    public Task<ListSearchAttributesResponse> ListSearchAttributes(ListSearchAttributesRequest request, ServerCallContext call)
    {
        var response = new ListSearchAttributesResponse();
        foreach (var (name, type) in BuiltInSearchAttributes.Types)
        {
            response.SystemAttributes[name] = type;
        }

        foreach (var (name, type) in context.CustomSearchAttributes)
        {
            response.CustomAttributes[name] = type;
        }

        return Task.FromResult(response);
    }

    /// <summary>Adds attributes; one already defined is left as it is (the server logs a warning and goes on).</summary>
    public Task<AddSearchAttributesResponse> AddSearchAttributes(AddSearchAttributesRequest request, ServerCallContext call)
    {
        if (request.SearchAttributes.Count == 0)
        {
            throw RpcErrors.InvalidArgument("search_attributes is not set");
        }

        foreach (var (name, type) in request.SearchAttributes)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw RpcErrors.InvalidArgument("search_attributes: a name is empty");
            }

            if (type == IndexedValueType.Unspecified || !Enum.IsDefined(type))
            {
                throw RpcErrors.InvalidArgument($"search_attributes[{name}]: type {type} is not a valid indexed value type");
            }

            if (BuiltInSearchAttributes.Types.ContainsKey(name))
            {
                throw RpcErrors.InvalidArgument($"search_attributes[{name}]: the name is reserved by the system");
            }
        }

        foreach (var (name, type) in request.SearchAttributes)
        {
            context.AddSearchAttribute(name, type);
        }

        return Task.FromResult(new AddSearchAttributesResponse());
    }
}
