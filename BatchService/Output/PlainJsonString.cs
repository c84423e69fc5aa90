using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Agentic.BatchService.Output;

/// <summary>
/// Writes a JSON string escaping only what JSON requires (quote, backslash, control characters), so every
/// other character, emoji included, lands in the file as UTF-8 as it is. The built-in encoders escape
/// characters outside the Basic Multilingual Plane whatever they are told.
/// </summary>
internal static class PlainJsonString
{
    public static void Write(Utf8JsonWriter writer, string propertyName, string value)
    {
        writer.WritePropertyName(propertyName);
        var literal = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    literal.Append("\\\"");
                    break;
                case '\\':
                    literal.Append("\\\\");
                    break;
                case '\n':
                    literal.Append("\\n");
                    break;
                case '\r':
                    literal.Append("\\r");
                    break;
                case '\t':
                    literal.Append("\\t");
                    break;
                case < ' ':
                    literal.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])))
                    {
                        // A lone surrogate has no UTF-8 form; JSON can still carry it escaped.
                        literal.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c))
                    {
                        literal.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        literal.Append(c);
                    }

                    break;
            }
        }

        writer.WriteRawValue(literal.Append('"').ToString(), skipInputValidation: true);
    }
}
