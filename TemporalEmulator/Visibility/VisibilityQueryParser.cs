using System.Globalization;
using System.Text;
using Agentic.Emulator.Frontend;

namespace Agentic.Emulator.Visibility;

/// <summary>
/// Parses the subset of Temporal's list filter language the project uses: comparisons (=, !=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=),
/// IN / NOT IN, BETWEEN, STARTS_WITH, IS [NOT] NULL, AND / OR / NOT, parentheses, ORDER BY.
/// </summary>
internal sealed class VisibilityQueryParser
{
    private readonly List<string> _tokens;
    private readonly List<bool> _quoted;
    private readonly HashSet<string> _fields = new(StringComparer.Ordinal);
    private int _position;

    private VisibilityQueryParser(string text)
    {
        (_tokens, _quoted) = Tokenize(text);
    }

    /// <summary>Parses <paramref name="text"/>; every attribute it names must pass <paramref name="isKnown"/>.</summary>
    public static VisibilityQuery Parse(string? text, Func<string, bool> isKnown)
    {
        var query = Parse(text);
        foreach (var field in query.Fields)
        {
            if (!isKnown(field))
            {
                throw RpcErrors.InvalidArgument($"query: invalid query: unknown search attribute {field}");
            }
        }

        return query;
    }

    public static VisibilityQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return VisibilityQuery.All;
        }

        try
        {
            return new VisibilityQueryParser(text).ParseQuery();
        }
        catch (FormatException ex)
        {
            throw RpcErrors.InvalidArgument($"query: invalid query: {ex.Message}");
        }
    }

    private VisibilityQuery ParseQuery()
    {
        Func<VisibilityRecord, bool> filter = _ => true;
        if (!IsKeyword("ORDER") && !AtEnd)
        {
            filter = ParseOr();
        }

        var order = new List<(string, bool)>();
        if (TakeKeyword("ORDER"))
        {
            ExpectKeyword("BY");
            do
            {
                var field = TakeIdentifier();
                var descending = TakeKeyword("DESC");
                if (!descending)
                {
                    TakeKeyword("ASC");
                }

                order.Add((field, descending));
            }
            while (Take(","));
        }

        if (!AtEnd)
        {
            throw new FormatException($"unexpected '{_tokens[_position]}'");
        }

        return new VisibilityQuery(filter, order, _fields);
    }

    private Func<VisibilityRecord, bool> ParseOr()
    {
        var left = ParseAnd();
        while (TakeKeyword("OR"))
        {
            var (a, b) = (left, ParseAnd());
            left = r => a(r) || b(r);
        }

        return left;
    }

    private Func<VisibilityRecord, bool> ParseAnd()
    {
        var left = ParseUnary();
        while (TakeKeyword("AND"))
        {
            var (a, b) = (left, ParseUnary());
            left = r => a(r) && b(r);
        }

        return left;
    }

    private Func<VisibilityRecord, bool> ParseUnary()
    {
        if (TakeKeyword("NOT"))
        {
            var inner = ParseUnary();
            return r => !inner(r);
        }

        if (Take("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        return ParsePredicate();
    }

    private Func<VisibilityRecord, bool> ParsePredicate()
    {
        var field = TakeIdentifier();
        var comparer = ValueComparer.Instance;
        if (TakeKeyword("IS"))
        {
            var negate = TakeKeyword("NOT");
            ExpectKeyword("NULL");
            return r => (r.Get(field) is null) != negate;
        }

        var not = TakeKeyword("NOT");
        if (TakeKeyword("IN"))
        {
            Expect("(");
            var values = new List<object>();
            do
            {
                values.Add(TakeValue());
            }
            while (Take(","));
            Expect(")");
            return r => values.Any(v => comparer.Equals(r.Get(field), v)) != not;
        }

        if (TakeKeyword("BETWEEN"))
        {
            var low = TakeValue();
            ExpectKeyword("AND");
            var high = TakeValue();
            return r => r.Get(field) is { } value && (comparer.Compare(value, low) >= 0 && comparer.Compare(value, high) <= 0) != not;
        }

        if (not)
        {
            throw new FormatException($"expected IN or BETWEEN after NOT for {field}");
        }

        if (TakeKeyword("STARTS_WITH"))
        {
            var prefix = Convert.ToString(TakeValue(), CultureInfo.InvariantCulture) ?? string.Empty;
            return r => r.Get(field)?.ToString()?.StartsWith(prefix, StringComparison.Ordinal) == true;
        }

        var op = TakeOperator();
        var operand = TakeValue();
        return op switch
        {
            "=" => r => comparer.Equals(r.Get(field), operand),
            "!=" or "<>" => r => !comparer.Equals(r.Get(field), operand),
            "<" => r => r.Get(field) is { } v && comparer.Compare(v, operand) < 0,
            "<=" => r => r.Get(field) is { } v && comparer.Compare(v, operand) <= 0,
            ">" => r => r.Get(field) is { } v && comparer.Compare(v, operand) > 0,
            _ => r => r.Get(field) is { } v && comparer.Compare(v, operand) >= 0,
        };
    }

    private bool AtEnd => _position >= _tokens.Count;

    private string? Peek => AtEnd ? null : _tokens[_position];

    private bool IsKeyword(string keyword) =>
        !AtEnd && !_quoted[_position] && string.Equals(_tokens[_position], keyword, StringComparison.OrdinalIgnoreCase);

    private bool TakeKeyword(string keyword)
    {
        if (IsKeyword(keyword))
        {
            _position++;
            return true;
        }

        return false;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!TakeKeyword(keyword))
        {
            throw new FormatException($"expected {keyword} but found '{Peek ?? "end of query"}'");
        }
    }

    private bool Take(string symbol)
    {
        if (!AtEnd && !_quoted[_position] && _tokens[_position] == symbol)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!Take(symbol))
        {
            throw new FormatException($"expected '{symbol}' but found '{Peek ?? "end of query"}'");
        }
    }

    private string TakeIdentifier()
    {
        if (AtEnd || _quoted[_position] || !IsIdentifier(_tokens[_position]))
        {
            throw new FormatException($"expected a search attribute name but found '{Peek ?? "end of query"}'");
        }

        _fields.Add(_tokens[_position]);
        return _tokens[_position++];
    }

    private string TakeOperator()
    {
        var token = Peek;
        if (token is "=" or "!=" or "<>" or "<" or "<=" or ">" or ">=" && !_quoted[_position])
        {
            _position++;
            return token;
        }

        throw new FormatException($"expected a comparison operator but found '{token ?? "end of query"}'");
    }

    private object TakeValue()
    {
        if (AtEnd)
        {
            throw new FormatException("expected a value but found end of query");
        }

        var token = _tokens[_position];
        var quoted = _quoted[_position];
        _position++;
        if (quoted)
        {
            return token;
        }

        if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        if (bool.TryParse(token, out var flag))
        {
            return flag;
        }

        throw new FormatException($"expected a value but found '{token}'");
    }

    private static bool IsIdentifier(string token) => token.Length > 0 && (char.IsLetter(token[0]) || token[0] == '_');

    private static (List<string> Tokens, List<bool> Quoted) Tokenize(string text)
    {
        var tokens = new List<string>();
        var quoted = new List<bool>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"' or '`')
            {
                var value = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw new FormatException("unterminated quoted value");
                }

                i++;
                tokens.Add(value.ToString());

                // Backticks quote a name, not a value.
                quoted.Add(c != '`');
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(c.ToString());
                quoted.Add(false);
                i++;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                var op = two is "!=" or "<>" or "<=" or ">=" ? two : c.ToString();
                if (op == "!")
                {
                    throw new FormatException("unexpected '!'");
                }

                tokens.Add(op);
                quoted.Add(false);
                i += op.Length;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '=' or '!' or '<' or '>' or '\'' or '"'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
                quoted.Add(false);
            }
        }

        return (tokens, quoted);
    }
}
