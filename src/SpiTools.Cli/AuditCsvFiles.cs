using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SpiTools.Cli
{
    /// <summary>
    /// <c>spitools audit --format csv --out DIR</c>: one CSV file per record type (<c>DIR/Finding.csv</c>,
    /// <c>DIR/DeviceAuditSummary.csv</c>, and any other type the audit wrote), each one table that <c>Import-Csv</c> and a
    /// spreadsheet read, with its header even when the run had no record of that type (the summaries' ends with the
    /// inventory's own columns, Site, Owner, …, the same for every row). Each file is written beside
    /// and then moved over the previous run's, so a reader never sees half a file.
    /// </summary>
    internal static class AuditCsvFiles
    {
        public static void Write(string folder, IReadOnlyList<string> always, IReadOnlyList<ICaptureRecord> records,
            IReadOnlyList<string> inventoryColumns, ConsoleSink sink)
        {
            Directory.CreateDirectory(folder);
            var byType = records.GroupBy(r => r.GetType()).ToDictionary(g => g.Key.Name, g => (Type: g.Key, Records: g.ToList()));
            var names = always.Concat(byType.Keys.Where(k => !always.Contains(k)).OrderBy(k => k, StringComparer.Ordinal));
            foreach (var name in names)
            {
                string path = Path.Combine(folder, name + ".csv");
                string temp = path + ".tmp";
                int count = 0;
                using (var file = new StreamWriter(temp, false, new UTF8Encoding(false)))
                {
                    if (byType.TryGetValue(name, out var group))
                    {
                        using var writer = new RecordWriter(file, null, OutputFormat.Csv) { SummaryInventoryColumns = inventoryColumns };
                        foreach (var r in group.Records) writer.Write(r);
                        writer.Complete();
                        count = group.Records.Count;
                    }
                    else
                    {
                        WriteHeader(file, name, inventoryColumns);
                    }
                }
                File.Move(temp, path, overwrite: true);
                sink.Note($"{path}: {count} {name} record(s)");
            }
        }

        private static void WriteHeader(TextWriter file, string typeName, IReadOnlyList<string> inventoryColumns)
        {
            var columns = typeName == nameof(Finding) ? RecordWriters.Columns(typeof(Finding))
                : typeName == nameof(DeviceAuditSummary) ? SummaryColumns.Header(inventoryColumns).ToArray() : null;
            if (columns == null) return;
            for (int i = 0; i < columns.Length; i++)
            {
                if (i > 0) file.Write(',');
                RecordWriters.Csv(file, columns[i]);
            }
            file.WriteLine();
        }
    }
}
