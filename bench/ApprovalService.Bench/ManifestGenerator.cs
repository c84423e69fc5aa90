using System.Globalization;
using System.Text;

namespace Agentic.ApprovalService.Bench;

/// <summary>A synthetic dbt manifest (schema v12): models in chains of ten, every column blank except in each chain's head.</summary>
public static class ManifestGenerator
{
    public static async Task WriteAsync(string path, int models, int columns)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\", \"project_name\": \"bench\"},\n\"nodes\": {");
        for (var m = 0; m < models; m++)
        {
            var head = m % 10 == 0;
            var text = new StringBuilder(m == 0 ? string.Empty : ",");
            text.Append(CultureInfo.InvariantCulture, $"\"model.bench.model_{m}\": {{\"unique_id\": \"model.bench.model_{m}\", \"resource_type\": \"model\", ")
                .Append(CultureInfo.InvariantCulture, $"\"name\": \"model_{m}\", \"original_file_path\": \"models/model_{m}.sql\", \"description\": \"\", ")
                .Append(CultureInfo.InvariantCulture, $"\"raw_code\": \"select * from {{{{ ref('model_{Math.Max(0, m - 1)}') }}}}\", \"depends_on\": {{\"nodes\": [")
                .Append(head ? string.Empty : $"\"model.bench.model_{m - 1}\"").Append("]}, \"columns\": {");
            for (var c = 0; c < columns; c++)
            {
                text.Append(c == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"\"column_{c}\": {{\"name\": \"column_{c}\", \"description\": \"")
                    .Append(head ? "Described at the head of the chain" : string.Empty).Append("\"}");
            }

            await writer.WriteAsync(text.Append("}}\n").ToString());
        }

        await writer.WriteAsync("},\n\"sources\": {}, \"macros\": {}}\n");
    }
}
