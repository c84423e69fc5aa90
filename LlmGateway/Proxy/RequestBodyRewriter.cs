using System.Buffers;
using System.Text.Json;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// Splices the few bytes a deployment needs changed into the caller's body (the provider's model name;
/// stream_options.include_usage = true for streams, so usage can be settled) and leaves every other byte as
/// the caller sent it. Returns the original body when nothing changes.
/// </summary>
internal static class RequestBodyRewriter
{
    public static ReadOnlyMemory<byte> Rewrite(ReadOnlyMemory<byte> body, LlmRequest request, string upstreamModel)
    {
        var renameModel = !string.Equals(upstreamModel, request.Model, StringComparison.Ordinal);
        var addUsage = request.Stream && !request.CallerWantsUsage;
        if (!renameModel && !addUsage)
        {
            return body;
        }

        Span<Edit> edits = stackalloc Edit[2];
        var count = 0;
        if (renameModel)
        {
            edits[count++] = new Edit(request.ModelToken, Kind.Model);
        }

        if (addUsage)
        {
            edits[count++] = request switch
            {
                { IncludeUsageToken: { } value } => new Edit(value, Kind.True),
                { StreamOptionsToken: { } options } when body.Span[options.Start.Value] == (byte)'{' =>
                    new Edit(new Range(options.Start.Value + 1, options.Start.Value + 1), request.StreamOptionsEmpty ? Kind.IncludeUsage : Kind.IncludeUsageComma),
                { StreamOptionsToken: { } nullOptions } => new Edit(nullOptions, Kind.StreamOptionsObject),
                _ => new Edit(new Range(request.RootBodyStart, request.RootBodyStart), Kind.StreamOptionsMember),
            };
        }

        var edited = edits[..count];
        edited.Sort(static (a, b) => a.Range.Start.Value.CompareTo(b.Range.Start.Value));
        var modelJson = renameModel ? JsonSerializer.SerializeToUtf8Bytes(upstreamModel) : [];
        var output = new ArrayBufferWriter<byte>(body.Length + 64 + modelJson.Length);
        var source = body.Span;
        var position = 0;
        foreach (var edit in edited)
        {
            output.Write(source[position..edit.Range.Start.Value]);
            output.Write(edit.Kind switch
            {
                Kind.Model => modelJson,
                Kind.True => "true"u8,
                Kind.IncludeUsage => "\"include_usage\":true"u8,
                Kind.IncludeUsageComma => "\"include_usage\":true,"u8,
                Kind.StreamOptionsObject => "{\"include_usage\":true}"u8,
                _ => "\"stream_options\":{\"include_usage\":true},"u8,
            });
            position = edit.Range.End.Value;
        }

        output.Write(source[position..]);
        return output.WrittenMemory;
    }

    private enum Kind
    {
        Model,
        True,
        IncludeUsage,
        IncludeUsageComma,
        StreamOptionsObject,
        StreamOptionsMember,
    }

    private readonly record struct Edit(Range Range, Kind Kind);
}
