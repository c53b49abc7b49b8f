using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpiTools.Cli
{
    /// <summary>Output formats of the CLI.</summary>
    public enum OutputFormat
    {
        Table,
        Json,
        Csv,
    }

    /// <summary>
    /// Writes records as they arrive. JSON: one array of objects, each starting with <c>RecordType</c>, then the
    /// record's properties by their PowerShell names. CSV and table: the first record type seen streams as one
    /// table; other types (usually diagnostics) follow as their own tables, each with its own header.
    /// </summary>
    public sealed class RecordWriter : IDisposable
    {
        private readonly TextWriter _out;
        private readonly OutputFormat _format;
        private readonly Utf8JsonWriter? _json;
        private readonly Stream? _jsonStream;
        private Type? _streamingType;
        private readonly Dictionary<Type, List<object>> _later = new Dictionary<Type, List<object>>();
        private readonly List<Type> _laterOrder = new List<Type>();
        private bool _headerWritten;

        public RecordWriter(TextWriter output, Stream? rawOutput, OutputFormat format)
        {
            _out = output;
            _format = format;
            if (format == OutputFormat.Json)
            {
                _jsonStream = rawOutput ?? throw new ArgumentNullException(nameof(rawOutput));
                _json = new Utf8JsonWriter(_jsonStream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                _json.WriteStartArray();
            }
        }

        /// <summary>Number of records written.</summary>
        public long Count { get; private set; }

        public void Write(object record)
        {
            Count++;
            if (_json != null)
            {
                WriteJsonObject(_json, record);
                if (_json.BytesPending > 32 * 1024) _json.Flush();
                return;
            }
            var type = record.GetType();
            // Records stream as one table; diagnostics and any other type follow in tables of their own.
            if (_streamingType == null && !(record is ParseDiagnostic)) _streamingType = type;
            if (type == _streamingType)
            {
                WriteRow(type, record, ref _headerWritten);
                return;
            }
            if (!_later.TryGetValue(type, out var list))
            {
                _later[type] = list = new List<object>();
                _laterOrder.Add(type);
            }
            list.Add(record);
        }

        public void Complete()
        {
            if (_json != null)
            {
                _json.WriteEndArray();
                _json.Flush();
                _jsonStream!.Flush();
                _out.WriteLine();
                return;
            }
            foreach (var type in _laterOrder)
            {
                _out.WriteLine();
                bool header = false;
                foreach (var r in _later[type]) WriteRow(type, r, ref header);
            }
            _later.Clear();
            _laterOrder.Clear();
            _out.Flush();
        }

        private void WriteRow(Type type, object record, ref bool headerWritten)
        {
            if (_format == OutputFormat.Csv)
            {
                var props = RecordProperties.Scalar(type);
                if (!headerWritten)
                {
                    _out.WriteLine(string.Join(",", props.Select(p => Csv(p.Name))));
                    headerWritten = true;
                }
                _out.WriteLine(string.Join(",", props.Select(p => Csv(Format(p.GetValue(record))))));
                return;
            }
            var view = TableViews.For(type);
            if (!headerWritten)
            {
                _out.WriteLine(view.Header());
                _out.WriteLine(view.Rule());
                headerWritten = true;
            }
            _out.WriteLine(view.Row(record));
        }

        internal static string Format(object? value) => value switch
        {
            null => "",
            bool b => b ? "True" : "False",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        private static string Csv(string value)
        {
            if (value.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0) return value;
            return "\"" + value.Replace("\"", "\"\"") + "\"";
        }

        internal static void WriteJsonObject(Utf8JsonWriter json, object record)
        {
            json.WriteStartObject();
            if (record is ICaptureRecord cr) json.WriteString("RecordType", cr.RecordType);
            foreach (var p in RecordProperties.All(record.GetType()))
            {
                var value = p.GetValue(record);
                json.WritePropertyName(p.Name);
                WriteJsonValue(json, value);
            }
            json.WriteEndObject();
        }

        private static void WriteJsonValue(Utf8JsonWriter json, object? value)
        {
            switch (value)
            {
                case null: json.WriteNullValue(); break;
                case string s: json.WriteStringValue(s); break;
                case bool b: json.WriteBooleanValue(b); break;
                case int i: json.WriteNumberValue(i); break;
                case long l: json.WriteNumberValue(l); break;
                case double d: json.WriteNumberValue(d); break;
                // ISO 8601 as PowerShell's ConvertTo-Json writes it (no offset for a time printed without one).
                case DateTime dt: json.WriteStringValue(dt.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture)); break;
                case Enum e: json.WriteStringValue(e.ToString()); break;
                case System.Collections.IEnumerable items:
                    json.WriteStartArray();
                    foreach (var item in items)
                    {
                        if (item is ICaptureRecord) WriteJsonObject(json, item);
                        else WriteJsonValue(json, item);
                    }
                    json.WriteEndArray();
                    break;
                default: json.WriteStringValue(Format(value)); break;
            }
        }

        public void Dispose() => _json?.Dispose();
    }

    /// <summary>The public properties of a record type, in declaration order (<c>RecordType</c> first).</summary>
    internal static class RecordProperties
    {
        private static readonly Dictionary<Type, PropertyInfo[]> AllCache = new Dictionary<Type, PropertyInfo[]>();
        private static readonly Dictionary<Type, PropertyInfo[]> ScalarCache = new Dictionary<Type, PropertyInfo[]>();

        /// <summary>Every property but <c>RecordType</c> (written first by the writers).</summary>
        public static PropertyInfo[] All(Type type)
        {
            lock (AllCache)
            {
                if (!AllCache.TryGetValue(type, out var props))
                {
                    props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                        .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "RecordType")
                        .OrderBy(p => p.MetadataToken)
                        .ToArray();
                    AllCache[type] = props;
                }
                return props;
            }
        }

        /// <summary>The scalar properties, <c>RecordType</c> first: the CSV columns (lists have joined-string companions).</summary>
        public static PropertyInfo[] Scalar(Type type)
        {
            lock (ScalarCache)
            {
                if (!ScalarCache.TryGetValue(type, out var props))
                {
                    var list = new List<PropertyInfo>();
                    var rt = type.GetProperty("RecordType");
                    if (rt != null) list.Add(rt);
                    list.AddRange(All(type).Where(p => p.PropertyType == typeof(string) || !typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType)));
                    props = list.ToArray();
                    ScalarCache[type] = props;
                }
                return props;
            }
        }
    }
}
