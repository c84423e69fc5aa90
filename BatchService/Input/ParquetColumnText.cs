using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Agentic.BatchService.Input;

/// <summary>
/// Reads one flat column of a row group as the text a prompt template inserts: numbers and dates in the
/// invariant culture (dates as ISO 8601), booleans as <c>true</c>/<c>false</c>, binary as base64, null as null.
/// </summary>
public static class ParquetColumnText
{
    public static async Task<string?[]> ReadAsync(ParquetRowGroupReader group, DataField field, int rows, CancellationToken cancellationToken = default)
    {
        var type = field.ClrType;
        // Parquet.Net reports UTF-8 columns as raw memory; read them as strings.
        if (type == typeof(string) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>)))
        {
            var values = new string?[rows];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            return values;
        }

        if (type == typeof(byte[]))
        {
            var values = new byte[]?[rows];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            return values.Select(v => v is null ? null : Convert.ToBase64String(v)).ToArray();
        }

        return type switch
        {
            _ when type == typeof(bool) => await ReadAsync<bool>(group, field, rows, v => v ? "true" : "false", cancellationToken),
            _ when type == typeof(sbyte) => await ReadAsync<sbyte>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(byte) => await ReadAsync<byte>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(short) => await ReadAsync<short>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(ushort) => await ReadAsync<ushort>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(int) => await ReadAsync<int>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(uint) => await ReadAsync<uint>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(long) => await ReadAsync<long>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(ulong) => await ReadAsync<ulong>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(float) => await ReadAsync<float>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(double) => await ReadAsync<double>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(decimal) => await ReadAsync<decimal>(group, field, rows, Invariant, cancellationToken),
            _ when type == typeof(DateTime) => await ReadAsync<DateTime>(group, field, rows, v => v.ToString("O", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(DateOnly) => await ReadAsync<DateOnly>(group, field, rows, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(TimeOnly) => await ReadAsync<TimeOnly>(group, field, rows, v => v.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(TimeSpan) => await ReadAsync<TimeSpan>(group, field, rows, v => v.ToString("c", CultureInfo.InvariantCulture), cancellationToken),
            _ when type == typeof(Guid) => await ReadAsync<Guid>(group, field, rows, v => v.ToString("D"), cancellationToken),
            _ => throw new InvalidDataException($"Parquet column '{field.Path}' has type {type.Name}, which batch input cannot read as text"),
        };
    }

    private static string Invariant<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static async Task<string?[]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, string> format, CancellationToken cancellationToken)
        where T : struct
    {
        var text = new string?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            for (var i = 0; i < rows; i++)
            {
                text[i] = values[i] is { } v ? format(v) : null;
            }
        }
        else
        {
            var values = new T[rows];
            await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            for (var i = 0; i < rows; i++)
            {
                text[i] = format(values[i]);
            }
        }

        return text;
    }
}
