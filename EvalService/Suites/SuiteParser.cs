using System.Text.RegularExpressions;
using Json.Schema;
using PhoneNumbers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Agentic.EvalService.Suites;

/// <summary>
/// Suite YAML to <see cref="SuiteDefinition"/>. Everything a run would trip over later is checked here, so a
/// registered suite always runs: regexes compile, schemas parse, regions exist, judge names are unique.
/// </summary>
public static partial class SuiteParser
{
    public static SuiteDefinition Parse(string yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            throw new SuiteValidationException("yaml", 1, "is empty");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            throw new SuiteValidationException("yaml", exception.Start.Line, "is not valid YAML: " + exception.Message, exception);
        }

        if (stream.Documents.Count != 1)
        {
            throw new SuiteValidationException("yaml", 1, "must hold exactly one document");
        }

        var root = YamlFields.Of(stream.Documents[0].RootNode, "");
        var name = root.RequiredString("name");
        if (!SuiteName().IsMatch(name))
        {
            throw new SuiteValidationException("name", root.LineOf("name"), "must be lowercase letters, digits and '-' (1-64), starting with a letter");
        }

        var checkFields = root.Mappings("checks");
        var checks = checkFields.Select(ParseCheck).ToList();
        DuplicateCheck(checks.Select(c => c.Id), checkFields, "id");
        var jury = root.Mapping("jury") is { } juryFields ? ParseJury(juryFields) : new JurySpec();
        var live = root.Mapping("live") is { } liveFields ? ParseLive(liveFields) : new LivePolicy();
        var suite = new SuiteDefinition
        {
            Name = name,
            Description = root.Text("description") ?? "",
            Checks = checks,
            Jury = jury,
            Live = live,
        };
        root.RejectUnknown();
        if (suite.Checks.Count == 0 && suite.Jury.Judges.Count == 0)
        {
            throw new SuiteValidationException("checks", root.Line, "a suite needs at least one check or one judge");
        }

        return suite;
    }

    private static CheckSpec ParseCheck(YamlFields fields)
    {
        var type = fields.Enum<CheckType>("type") ?? throw new SuiteValidationException(fields.Field("type"), fields.Line, "is required");
        var spec = new CheckSpec
        {
            Id = fields.RequiredString("id"),
            Type = type,
            Live = fields.Flag("live") ?? true,
        };
        spec = type switch
        {
            CheckType.Regex => spec with
            {
                Pattern = ValidRegex(fields, "pattern"),
                MustMatch = (fields.Enum<RegexMode>("mode") ?? RegexMode.MustMatch) == RegexMode.MustMatch,
            },
            CheckType.Keywords => Keywords(fields, spec),
            CheckType.SemanticKeyword => spec with
            {
                References = NonEmpty(fields, "references"),
                Threshold = fields.Number("threshold", -1, 1) ?? 0.8,
                Model = fields.Text("model"),
            },
            CheckType.Json => spec with { Schema = ValidSchema(fields, "schema") },
            CheckType.Length => Length(fields, spec),
            CheckType.Refusal => spec with { ExpectRefusal = (fields.Enum<RefusalExpectation>("expect") ?? RefusalExpectation.NoRefusal) == RefusalExpectation.Refusal },
            CheckType.Pii => spec with
            {
                PiiTypes = fields.Strings("types").Select((t, i) => PiiTypeOf(fields, i, t)).ToList(),
                Regions = fields.Strings("regions").Select((r, i) => Region(fields, i, r)).ToList(),
            },
            _ => spec,
        };
        fields.RejectUnknown();
        return spec;
    }

    private static CheckSpec Keywords(YamlFields fields, CheckSpec spec)
    {
        var result = spec with { AllOf = fields.Strings("all_of"), AnyOf = fields.Strings("any_of"), NoneOf = fields.Strings("none_of") };
        return result.AllOf.Count + result.AnyOf.Count + result.NoneOf.Count == 0
            ? throw new SuiteValidationException(fields.Field("all_of"), fields.Line, "a keywords check needs all_of, any_of or none_of")
            : result;
    }

    private static CheckSpec Length(YamlFields fields, CheckSpec spec)
    {
        var result = spec with
        {
            Min = fields.WholeNumber("min", 0, int.MaxValue),
            Max = fields.WholeNumber("max", 0, int.MaxValue),
            Unit = fields.Enum<LengthUnit>("unit") ?? LengthUnit.Characters,
        };
        if (result.Min is null && result.Max is null)
        {
            throw new SuiteValidationException(fields.Field("min"), fields.Line, "a length check needs min or max");
        }

        return result.Min > result.Max
            ? throw new SuiteValidationException(fields.Field("max"), fields.LineOf("max"), "must not be below min")
            : result;
    }

    private static JurySpec ParseJury(YamlFields fields)
    {
        var judgeFields = fields.Mappings("judges");
        var judges = judgeFields.Select(ParseJudge).ToList();
        DuplicateCheck(judges.Select(j => j.Name), judgeFields, "name");
        var jury = new JurySpec
        {
            Judges = judges,
            Aggregation = fields.Enum<Aggregation>("aggregation") ?? Aggregation.Majority,
            Quorum = fields.WholeNumber("quorum", 0, 1000) ?? 0,
            PassThreshold = fields.Number("pass_threshold", 0, 1) ?? 0.5,
            EscalateBelowAgreement = fields.Number("escalate_below_agreement", 0, 1),
            BothOrders = fields.Flag("both_orders") ?? false,
        };
        fields.RejectUnknown();
        if (jury.Quorum > judges.Count)
        {
            throw new SuiteValidationException(fields.Field("quorum"), fields.LineOf("quorum"), $"is {jury.Quorum} but the jury has {judges.Count} judges");
        }

        return jury;
    }

    private static JudgeSpec ParseJudge(YamlFields fields)
    {
        var judge = new JudgeSpec
        {
            Name = fields.RequiredString("name"),
            Model = fields.RequiredString("model"),
            Rubric = fields.RequiredString("rubric"),
            Output = fields.Enum<JudgeOutput>("output") ?? JudgeOutput.Score,
            Live = fields.Flag("live") ?? true,
            Timeout = fields.Duration("timeout") ?? TimeSpan.FromSeconds(30),
            MaxAttempts = fields.WholeNumber("max_attempts", 1, 10) ?? 2,
            Weight = fields.Number("weight", -100, 100) ?? 1.0,
        };
        fields.RejectUnknown();
        return judge;
    }

    private static LivePolicy ParseLive(YamlFields fields)
    {
        var live = new LivePolicy
        {
            Budget = fields.Duration("budget") ?? TimeSpan.FromMilliseconds(800),
            WhenLate = fields.Enum<LateAction>("when_late") ?? LateAction.ShowProvisional,
        };
        fields.RejectUnknown();
        return live;
    }

    private static string ValidRegex(YamlFields fields, string key)
    {
        var pattern = fields.RequiredString(key);
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return pattern;
        }
        catch (ArgumentException exception)
        {
            throw new SuiteValidationException(fields.Field(key), fields.LineOf(key), "is not a valid regular expression: " + exception.Message, exception);
        }
    }

    private static string? ValidSchema(YamlFields fields, string key)
    {
        var schema = fields.Text(key);
        if (schema is null)
        {
            return null;
        }

        try
        {
            _ = JsonSchema.FromText(schema);
            return schema;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            throw new SuiteValidationException(fields.Field(key), fields.LineOf(key), "is not a valid JSON Schema: " + exception.Message, exception);
        }
    }

    private static IReadOnlyList<string> NonEmpty(YamlFields fields, string key)
    {
        var values = fields.Strings(key);
        return values.Count == 0 ? throw new SuiteValidationException(fields.Field(key), fields.Line, "needs at least one entry") : values;
    }

    private static PiiType PiiTypeOf(YamlFields fields, int index, string text) =>
        Enum.GetValues<PiiType>().FirstOrDefault(t => YamlFields.SnakeCase(t.ToString()) == text, (PiiType)(-1)) is var type && type >= 0
            ? type
            : throw new SuiteValidationException($"{fields.Field("types")}[{index}]", fields.LineOf("types"),
                $"must be one of {string.Join(", ", Enum.GetNames<PiiType>().Select(YamlFields.SnakeCase))}, not '{text}'");

    private static string Region(YamlFields fields, int index, string region) =>
        PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(region)
            ? region
            : throw new SuiteValidationException($"{fields.Field("regions")}[{index}]", fields.LineOf("regions"), $"'{region}' is not a known phone region (ISO 3166 code such as US, GB, DE)");

    private static void DuplicateCheck(IEnumerable<string> names, IReadOnlyList<YamlFields> items, string key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                throw new SuiteValidationException(items[index].Field(key), items[index].LineOf(key), $"'{name}' is used twice");
            }

            index++;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex SuiteName();
}
