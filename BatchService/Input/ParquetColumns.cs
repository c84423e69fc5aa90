using Parquet.Schema;

namespace Agentic.BatchService.Input;

/// <summary>
/// The leaf columns a Parquet job reads, each addressed by its dotted path (<c>meta.lang</c> for field
/// <c>lang</c> of struct <c>meta</c>), which is also the field name templates use. Lists and maps are not
/// flat values, so they are left out when no selection is given and refused when named.
/// </summary>
public static class ParquetColumns
{
    /// <summary>
    /// Resolves <paramref name="selection"/> (all flat columns when null or empty) plus the row id column, or
    /// throws <see cref="InvalidDataException"/> naming the column that cannot be read.
    /// </summary>
    public static IReadOnlyList<(string Path, DataField Field)> Resolve(ParquetSchema schema, IReadOnlyList<string>? selection, string rowIdColumn)
    {
        var flat = new Dictionary<string, DataField>(StringComparer.Ordinal);
        var nested = new HashSet<string>(StringComparer.Ordinal);
        Walk(schema.Fields, string.Empty, flat, nested, insideRepeated: false);

        var wanted = selection is { Count: > 0 } ? selection.ToList() : flat.Keys.ToList();
        if (!wanted.Contains(rowIdColumn, StringComparer.Ordinal))
        {
            wanted.Insert(0, rowIdColumn);
        }

        var columns = new List<(string, DataField)>();
        foreach (var path in wanted.Distinct(StringComparer.Ordinal))
        {
            if (flat.TryGetValue(path, out var field))
            {
                columns.Add((path, field));
                continue;
            }

            var role = path == rowIdColumn ? " (the row id column)" : string.Empty;
            throw new InvalidDataException(nested.Contains(path)
                ? $"Parquet column '{path}'{role} is a list, map or struct, not a flat value; name one of its leaf columns by dotted path"
                : $"Parquet file has no column '{path}'{role}; it has {string.Join(", ", flat.Keys.Select(k => $"'{k}'"))}");
        }

        return columns;
    }

    private static void Walk(IEnumerable<Field> fields, string prefix, Dictionary<string, DataField> flat, HashSet<string> nested, bool insideRepeated)
    {
        foreach (var field in fields)
        {
            var path = prefix + field.Name;
            switch (field)
            {
                case DataField data when !insideRepeated && !data.IsArray:
                    flat[path] = data;
                    break;
                case StructField structure:
                    nested.Add(path);
                    Walk(structure.Fields, path + ".", flat, nested, insideRepeated);
                    break;
                case ListField list:
                    nested.Add(path);
                    Walk([list.Item], path + ".", flat, nested, insideRepeated: true);
                    break;
                case MapField map:
                    nested.Add(path);
                    Walk([map.Key, map.Value], path + ".", flat, nested, insideRepeated: true);
                    break;
                default:
                    nested.Add(path);
                    break;
            }
        }
    }
}
