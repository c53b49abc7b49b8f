using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SpiTools.Cli
{
    /// <summary>
    /// The inventory's own columns of a <see cref="DeviceAuditSummary"/> (Site, Owner, …: <see cref="DeviceAuditSummary.InventoryColumns"/>)
    /// in the CLI's output: JSON properties after the summary's own, CSV columns after its own. A column named as one of
    /// the summary's own properties (Platform, Status, …) is left to the summary's value. The generated writers write the
    /// summary's own members; this adds the rest.
    /// </summary>
    internal static class SummaryColumns
    {
        private static readonly HashSet<string> Own = new HashSet<string>(RecordWriters.Members(typeof(DeviceAuditSummary))!, StringComparer.OrdinalIgnoreCase);

        /// <summary>The inventory columns of the summaries, once each, in the order they are first given: the extra CSV columns of a file of summaries.</summary>
        public static IReadOnlyList<string> Union(IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> columns)
        {
            var names = new List<string>();
            var seen = new HashSet<string>(Own, StringComparer.OrdinalIgnoreCase);
            foreach (var list in columns)
                foreach (var column in list)
                    if (seen.Add(column.Key)) names.Add(column.Key);
            return names;
        }

        /// <summary>The summary as one JSON object: its own members, then its inventory columns as string properties.</summary>
        public static void WriteJson(Utf8JsonWriter json, DeviceAuditSummary summary)
        {
            var columns = summary.InventoryColumns();
            if (columns.Count == 0)
            {
                RecordWriters.WriteJson(json, summary);
                return;
            }
            var buffer = new ArrayBufferWriter<byte>();
            using (var own = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                RecordWriters.WriteJson(own, summary);
            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            json.WriteStartObject();
            foreach (var member in document.RootElement.EnumerateObject()) member.WriteTo(json);
            var seen = new HashSet<string>(Own, StringComparer.OrdinalIgnoreCase);
            foreach (var column in columns)
                if (seen.Add(column.Key)) json.WriteString(column.Key, column.Value);
            json.WriteEndObject();
        }

        /// <summary>The CSV header of a table of summaries: the summary's own columns, then <paramref name="extra"/>.</summary>
        public static IEnumerable<string> Header(IReadOnlyList<string> extra) => RecordWriters.Columns(typeof(DeviceAuditSummary))!.Concat(extra);

        /// <summary>One CSV line: the summary's own cells, then its value of each of <paramref name="extra"/> (empty when it has none).</summary>
        public static void WriteCsv(TextWriter o, DeviceAuditSummary summary, IReadOnlyList<string> extra)
        {
            if (extra.Count == 0)
            {
                RecordWriters.WriteCsv(o, summary);
                return;
            }
            using var own = new StringWriter();
            RecordWriters.WriteCsv(own, summary);
            o.Write(own.ToString().TrimEnd('\r', '\n'));
            var columns = summary.InventoryColumns();
            foreach (var name in extra)
            {
                o.Write(',');
                RecordWriters.Csv(o, columns.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase)).Value);
            }
            o.WriteLine();
        }
    }
}
