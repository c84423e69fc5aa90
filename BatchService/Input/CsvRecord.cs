using System.Text;

namespace Agentic.BatchService.Input;

/// <summary>Splits one RFC 4180 CSV record into fields.</summary>
public static class CsvRecord
{
    /// <summary>Returns the fields, or null with an error when the quoting is broken.</summary>
    public static IReadOnlyList<string>? Parse(string record, out string? error) => Parse(record, out error, out _);

    /// <summary>
    /// Returns the fields, or null with an error and the index in <paramref name="record"/> where it was found.
    /// Line breaks inside quoted fields are kept as they are (CRLF stays CRLF).
    /// </summary>
    public static IReadOnlyList<string>? Parse(string record, out string? error, out int errorPosition)
    {
        errorPosition = -1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < record.Length && record[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= record.Length)
                    {
                        error = "a quoted field is never closed";
                        errorPosition = record.Length;
                        return null;
                    }

                    if (record[i] == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(record[i++]);
                }

                if (i < record.Length && record[i] != ',')
                {
                    error = $"'{record[i]}' follows a closing quote (expected a comma or the end of the record)";
                    errorPosition = i;
                    return null;
                }
            }
            else
            {
                while (i < record.Length && record[i] != ',')
                {
                    if (record[i] == '"')
                    {
                        error = "a quote inside a field that does not start with a quote";
                        errorPosition = i;
                        return null;
                    }

                    field.Append(record[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= record.Length)
            {
                error = null;
                return fields;
            }

            i++; // the comma
        }
    }
}
