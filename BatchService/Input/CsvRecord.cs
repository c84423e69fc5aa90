using System.Text;

namespace Agentic.BatchService.Input;

/// <summary>Splits one RFC 4180 CSV record into fields.</summary>
public static class CsvRecord
{
    /// <summary>Returns the fields, or null with an error when the quoting is broken.</summary>
    public static IReadOnlyList<string>? Parse(string record, out string? error)
    {
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
                        error = "unterminated quoted field";
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
                    error = $"unexpected character after closing quote at position {i}";
                    return null;
                }
            }
            else
            {
                while (i < record.Length && record[i] != ',')
                {
                    if (record[i] == '"')
                    {
                        error = $"quote inside unquoted field at position {i}";
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
