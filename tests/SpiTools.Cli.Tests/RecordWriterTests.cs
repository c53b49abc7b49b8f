using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using SpiTools.WriterGenerator;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The writers are generated per record type (RecordWriters.g.cs). A property added to a record type, or a new
    /// record type, must reach JSON and CSV: these tests compare the writers with what reflection finds on the types.
    /// </summary>
    public class RecordWriterTests
    {
        public static TheoryData<Type> RecordTypes()
        {
            var data = new TheoryData<Type>();
            foreach (var t in RecordWriterGenerator.RecordTypes()) data.Add(t);
            return data;
        }

        [Fact]
        public void The_generated_writers_are_those_of_the_record_types_as_they_are_now()
        {
            var path = Path.Combine(NativeBuild.RepoRoot, RecordWriterGenerator.RelativePath);
            var expected = RecordWriterGenerator.Generate();
            var actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
            if (actual == expected) return;
            Assert.Fail($"{RecordWriterGenerator.RelativePath} does not match the record types (a property or a record type was added, removed or moved). " +
                        $"Regenerate it: {RecordWriterGenerator.Command}");
        }

        [Fact]
        public void The_core_has_the_record_types_the_writers_know()
        {
            var names = RecordWriterGenerator.RecordTypes().Select(t => t.Name).ToList();
            Assert.Contains("IpsecSa", names);
            Assert.Contains("Finding", names);
            Assert.True(names.Count >= 8, string.Join(", ", names));
        }

        [Theory]
        [MemberData(nameof(RecordTypes))]
        public void Json_members_are_every_public_property_in_declaration_order(Type type)
        {
            Assert.Equal(RecordWriterGenerator.Members(type), RecordWriters.Members(type));
            // Independently of the generator: every public property is a member.
            var all = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(all, RecordWriters.Members(type)!.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal("RecordType", RecordWriters.Members(type)![0]);
        }

        [Theory]
        [MemberData(nameof(RecordTypes))]
        public void Csv_columns_are_every_scalar_public_property_in_declaration_order(Type type)
        {
            Assert.Equal(RecordWriterGenerator.Columns(type), RecordWriters.Columns(type));
            using var header = new StringWriter();
            using var row = new StringWriter();
            Assert.True(RecordWriters.TryWriteCsv(row, Activator.CreateInstance(type)!));
            Assert.Equal(RecordWriters.Columns(type)!.Length, row.ToString().TrimEnd('\n', '\r').Split(',').Length);
        }

        [Theory]
        [MemberData(nameof(RecordTypes))]
        public void Every_property_value_reaches_the_json_object_and_the_csv_line(Type type)
        {
            // Each settable property gets a value of its own; the written object and line must carry each one back.
            var record = Activator.CreateInstance(type)!;
            int n = 0;
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                n++;
                var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                object? value =
                    t == typeof(string) ? "v" + n + (n % 3 == 0 ? ", \"quoted\"" : "") :
                    t == typeof(int) ? 1000 + n :
                    t == typeof(long) ? 5_000_000_000L + n :
                    t == typeof(double) ? n + 0.25 :
                    t == typeof(bool) ? n % 2 == 0 :
                    t.IsEnum ? Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1) :
                    null;
                if (value != null) p.SetValue(record, value);
            }
            var json = JsonOf(record);
            var root = JsonDocument.Parse(json).RootElement.EnumerateArray().Single();
            Assert.Equal(RecordWriters.Members(type), root.EnumerateObject().Select(m => m.Name).ToArray());
            var csv = new StringWriter();
            Assert.True(RecordWriters.TryWriteCsv(csv, record));
            var cells = SplitCsv(csv.ToString().TrimEnd('\n', '\r'));
            var columns = RecordWriters.Columns(type)!;
            Assert.Equal(columns.Length, cells.Length);
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var value = p.GetValue(record);
                var written = root.GetProperty(p.Name);
                if (value is string or int or long or double or bool or Enum)
                {
                    Assert.Equal(RecordWriter.Format(value), written.ValueKind switch
                    {
                        JsonValueKind.True => "True",
                        JsonValueKind.False => "False",
                        JsonValueKind.String => written.GetString(),
                        _ => written.GetRawText(),
                    });
                    Assert.Equal(RecordWriter.Format(value), cells[Array.IndexOf(columns, p.Name)]);
                }
                else if (value == null)
                {
                    Assert.Equal(JsonValueKind.Null, written.ValueKind);
                }
            }
        }

        [Fact]
        public void A_type_without_a_writer_is_refused_by_name_while_record_types_still_write()
        {
            using var ms = new MemoryStream();
            using var writer = new RecordWriter(new StringWriter(), ms, OutputFormat.Json);
            var ex = Assert.Throws<NotSupportedException>(() => writer.Write(new Uri("http://127.0.0.1/")));
            Assert.Contains("Uri has no generated writer", ex.Message);
            var json = JsonOf(ParsedRecords.VpnContext("0x2D2EA0A4", 41006));
            Assert.Contains("\"Direction\": \"Outbound\"", json);
            Assert.Contains("\"Packets\": 41006", json);
        }

        private static string[] SplitCsv(string line)
        {
            var cells = new System.Collections.Generic.List<string>();
            var cell = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else cell.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(c);
            }
            cells.Add(cell.ToString());
            return cells.ToArray();
        }

        private static string JsonOf(object record)
        {
            using var ms = new MemoryStream();
            using (var writer = new RecordWriter(new StringWriter(), ms, OutputFormat.Json))
            {
                writer.Write(record);
                writer.Complete();
            }
            return Encoding.UTF8.GetString(ms.ToArray());
        }
    }
}

namespace SpiTools.Cli.Tests
{
    /// <summary>The writer on a thread of its own gives the bytes of the writer in line, and reports its failures.</summary>
    public class BackgroundRecordWriterTests
    {
        private static object[] Records()
        {
            // 2,000 SAs (1,000 entries), a damaged line every 7th entry and a VPN context after every 11th SA, as the core reads them.
            var read = ParsedRecords.Parse(ParsedRecords.AsaIpsecSa(1_000, damagedEvery: 7));
            var contexts = ParsedRecords.Parse(ParsedRecords.AsaVpnContexts(Enumerable.Range(0, 200).Select(i => ($"0x{0x2D000000 + i:X8}", (long)i)))).OfType<VpnContext>().ToList();
            var list = new System.Collections.Generic.List<object>();
            int sas = 0;
            foreach (var r in read)
            {
                list.Add(r);
                if (r is IpsecSa && ++sas % 11 == 0) list.Add(contexts[sas / 11 - 1]);
            }
            Assert.Equal(2_000, list.OfType<IpsecSa>().Count());
            Assert.Equal(143, list.OfType<ParseDiagnostic>().Count(d => d.Code == "UnrecognizedLine" && d.Text!.Contains("\"quoted\"")));
            return list.ToArray();
        }

        private static (string Text, byte[] Raw) Write(OutputFormat format, bool background, object[] records, Action<RecordWriter>? midway = null)
        {
            var raw = new MemoryStream();
            var text = new StreamWriter(raw) { AutoFlush = false };
            using (var writer = new RecordWriter(text, raw, format, background))
            {
                for (int i = 0; i < records.Length; i++)
                {
                    writer.Write(records[i]);
                    if (i == records.Length / 2) midway?.Invoke(writer);
                }
                writer.Complete();
            }
            text.Flush();
            return (Encoding.UTF8.GetString(raw.ToArray()), raw.ToArray());
        }

        [Theory]
        [InlineData(OutputFormat.Json)]
        [InlineData(OutputFormat.Csv)]
        [InlineData(OutputFormat.Table)]
        public void Background_writing_gives_the_bytes_of_writing_in_line(OutputFormat format)
        {
            var records = Records();
            var inline = Write(format, false, records);
            var background = Write(format, true, records, w => w.Flush());
            Assert.Equal(inline.Raw, background.Raw);
            Assert.Contains("0x000017CF", background.Text); // the last SA is there
        }

        [Fact]
        public void A_failure_on_the_writing_thread_is_thrown_to_the_caller_after_the_records_before_it()
        {
            var raw = new MemoryStream();
            var text = new StreamWriter(raw);
            // JSON writes each record as it comes, so the unknown type fails on the writing thread itself.
            var writer = new RecordWriter(text, raw, OutputFormat.Json, background: true);
            writer.Write(ParsedRecords.IpsecSa());
            writer.Write(new Uri("http://127.0.0.1/"));
            var ex = Assert.Throws<NotSupportedException>(() => writer.Complete());
            Assert.Contains("Uri has no generated writer", ex.Message);
            writer.Dispose();
            text.Flush();
            Assert.Contains("0x00001000", Encoding.UTF8.GetString(raw.ToArray()));
        }
    }
}
