using System.Globalization;
using System.Text;

namespace Agentic.ApprovalService.Tests.Manifest;

/// <summary>Writes a synthetic v12 manifest: a chain of models with blank columns, padded with macros like a real one.</summary>
public static class GeneratedManifest
{
    public static async Task WriteAsync(string path, int models, int columns, int macroBytes = 0, string project = "generated")
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\", \"project_name\": \"" + project + "\"},\n\"nodes\": {");
        for (var m = 0; m < models; m++)
        {
            var id = Id(project, m);
            var parent = m == 0 ? string.Empty : "\"" + Id(project, m - 1) + "\"";
            var text = new StringBuilder();
            text.Append(m == 0 ? string.Empty : ",").Append('"').Append(id).Append("\": {\"unique_id\": \"").Append(id)
                .Append("\", \"resource_type\": \"model\", \"name\": \"model_").Append(m.ToString(CultureInfo.InvariantCulture))
                .Append("\", \"original_file_path\": \"models/model_").Append(m.ToString(CultureInfo.InvariantCulture))
                .Append(".sql\", \"description\": \"\", \"raw_code\": \"select * from prev\", \"depends_on\": {\"nodes\": [").Append(parent)
                .Append("]}, \"columns\": {");
            for (var c = 0; c < columns; c++)
            {
                var name = "column_" + c.ToString(CultureInfo.InvariantCulture);
                text.Append(c == 0 ? string.Empty : ",").Append('"').Append(name).Append("\": {\"name\": \"").Append(name)
                    .Append("\", \"description\": \"").Append(m == 0 ? "described upstream" : string.Empty).Append("\"}");
            }

            text.Append("}}\n");
            await writer.WriteAsync(text.ToString());
        }

        await writer.WriteAsync("},\n\"sources\": {},\n\"macros\": {");
        var macro = new string('x', 4000);
        for (var written = 0; written < macroBytes; written += macro.Length + 80)
        {
            await writer.WriteAsync((written == 0 ? string.Empty : ",") + "\"macro.p.m" + written.ToString(CultureInfo.InvariantCulture)
                + "\": {\"name\": \"m\", \"macro_sql\": \"" + macro + "\"}\n");
        }

        await writer.WriteAsync("}}\n");
    }

    public static string Id(string project, int model) => $"model.{project}.model_{model.ToString(CultureInfo.InvariantCulture)}";
}
