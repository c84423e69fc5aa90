using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Agentic.Emulator.Frontend;

/// <summary>
/// Binds every unary method of a protobuf service descriptor to the same-named public method of
/// <typeparamref name="TService"/> (<c>Task&lt;TResponse&gt; Name(TRequest, ServerCallContext)</c>); methods
/// without one answer UNIMPLEMENTED. This stands in for generated stubs, which the Temporalio package lacks.
/// </summary>
internal sealed class ProtobufServiceBinder<TService>(Google.Protobuf.Reflection.ServiceDescriptor descriptor) : IServiceMethodProvider<TService>
    where TService : class
{
    private static readonly MethodInfo AddMethodDefinition =
        typeof(ProtobufServiceBinder<TService>).GetMethod(nameof(AddMethod), BindingFlags.NonPublic | BindingFlags.Static)!;

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        foreach (var method in descriptor.Methods)
        {
            if (method.IsClientStreaming || method.IsServerStreaming)
            {
                continue;
            }

            AddMethodDefinition
                .MakeGenericMethod(method.InputType.ClrType, method.OutputType.ClrType)
                .Invoke(null, [context, descriptor.FullName, method]);
        }
    }

    private static void AddMethod<TRequest, TResponse>(
        ServiceMethodProviderContext<TService> context, string serviceName, MethodDescriptor descriptor)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var requestParser = (MessageParser<TRequest>)descriptor.InputType.Parser;
        var responseParser = (MessageParser<TResponse>)descriptor.OutputType.Parser;
        var method = new Method<TRequest, TResponse>(
            MethodType.Unary,
            serviceName,
            descriptor.Name,
            Marshallers.Create(message => message.ToByteArray(), requestParser.ParseFrom),
            Marshallers.Create(message => message.ToByteArray(), responseParser.ParseFrom));

        var target = typeof(TService).GetMethod(descriptor.Name, [typeof(TRequest), typeof(ServerCallContext)]);
        UnaryServerMethod<TService, TRequest, TResponse> invoker = target is null
            ? (_, _, _) => throw RpcErrors.Unimplemented(descriptor.Name)
            : target.CreateDelegate<UnaryServerMethod<TService, TRequest, TResponse>>();
        context.AddUnaryMethod(method, [], invoker);
    }
}
