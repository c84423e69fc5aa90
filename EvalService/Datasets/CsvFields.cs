using System.Text;

namespace Agentic.EvalService.Datasets;

/// <summary>Splits one CSV record (RFC 4180 quoting) into its fields.</summary>
internal static class CsvFields
{
    public static List<string>? Parse(string record, out string? error)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < record.Length && record[i] == '"')
            {
                for (i++; ; i++)
                {
                    if (i >= record.Length)
                    {
                        error = "a quoted field is not closed";
                        return null;
                    }

                    if (record[i] == '"' && i + 1 < record.Length && record[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (record[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(record[i]);
                    }
                }

                if (i < record.Length && record[i] != ',')
                {
                    error = "text follows a closing quote";
                    return null;
                }
            }
            else
            {
                for (; i < record.Length && record[i] != ','; i++)
                {
                    field.Append(record[i]);
                }
            }

            fields.Add(field.ToString());
            if (i >= record.Length)
            {
                error = null;
                return fields;
            }

            i++;
        }
    }
}
