using System.Globalization;
using System.Reflection;
using SpiTools.Abstractions;
using SpiTools.Parsing;
using SpiTools.Services;
using SpiTools.Services.Pipelines;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// A record is complete when the core hands it out and never changes after: what a reader, a writer on another
    /// thread or a script sees at that moment is the record for good.
    /// </summary>
    public class RecordHandOutTests
    {
        /// <summary>Every public property's value, as text.</summary>
        private static string Values(object record) =>
            string.Join("\u001f", record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => p.Name + "=" + Text(p.GetValue(record))));

        private static string Text(object? value) => value switch
        {
            null => "(null)",
            string s => s,
            System.Collections.IEnumerable list => "[" + string.Join(";", list.Cast<object?>().Select(o => o is ICaptureRecord r ? Values(r) : Text(o))) + "]",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        [Fact]
        public void Every_record_the_reader_hands_out_is_the_same_at_the_end_of_the_read()
        {
            int records = 0;
            var changed = new List<string>();
            foreach (var file in Captures.AllFiles())
            {
                var handed = new List<(ICaptureRecord Record, string Values)>();
                foreach (var r in CaptureParser.ParseFile(Captures.PathOf(file), new CaptureParseOptions { Device = "given" }))
                    handed.Add((r, Values(r)));
                foreach (var (r, values) in handed)
                    if (Values(r) != values) changed.Add($"{file}:{r.Line} {r.RecordType}");
                records += handed.Count;
            }
            Assert.True(records > 400, $"{records} records read");
            Assert.True(changed.Count == 0, "changed after being handed out: " + string.Join(", ", changed.Take(20)));
        }

        [Fact]
        public void What_the_read_and_diagnose_pipelines_write_is_the_same_when_they_end()
        {
            var folders = new[] { "asa-stale-spi/device", "asa-stale-spi/device-after-clear" }.Select(Captures.PathOf).Where(Directory.Exists).ToList();
            Assert.NotEmpty(folders);

            var read = new SnapshotSink();
            using (var pipeline = ReadPipeline.Begin(new ReadPipelineOptions { Read = new CaptureReadOptions { OutputAllTypes = true, IncludeDiagnostic = true } }, read))
            {
                foreach (var folder in folders)
                    foreach (var file in Directory.EnumerateFiles(folder).OrderBy(f => f, StringComparer.Ordinal)) pipeline.Add(PipelineInput.File(file));
                pipeline.End();
            }
            Assert.True(read.Written.Count > 10, $"{read.Written.Count} written");
            Assert.Equal(read.Written.Select(w => w.Values), read.Written.Select(w => Values(w.Item)));

            var diagnose = new SnapshotSink();
            var pipelineD = DiagnosePipeline.Begin(new DiagnosePipelineOptions(), diagnose);
            foreach (var folder in folders) pipelineD.Add(PipelineInput.File(folder));
            var devices = pipelineD.End();
            Assert.Contains(diagnose.Written, w => w.Item is Finding f && f.Code == "StaleVpnContext");
            Assert.Equal(diagnose.Written.Select(w => w.Values), diagnose.Written.Select(w => Values(w.Item)));
            Assert.NotEmpty(devices.SelectMany(d => d.Records));
        }

        /// <summary>Keeps each record written with its values at the moment it was written.</summary>
        private sealed class SnapshotSink : ICommandSink
        {
            public List<(object Item, string Values)> Written { get; } = new();
            public bool IsStopping => false;
            public void Output(object item) => Written.Add((item, Values(item)));
            public void Error(string errorId, SpiErrorCategory category, Exception exception, object? target) { }
            public void Warning(string message) { }
            public void Verbose(string message) { }
            public void Progress(int activityId, string activity, string status, int percent, bool completed = false) { }
            public bool ShouldProcess(string target, string action) => true;
        }
    }
}
