using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
                var shape = RecordShape.For(type);
                if (!headerWritten)
                {
                    WriteCsvLine(shape, null);
                    headerWritten = true;
                }
                WriteCsvLine(shape, record);
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

        /// <summary>One CSV line: the scalar columns' names (no record) or values.</summary>
        private void WriteCsvLine(RecordShape shape, object? record)
        {
            var columns = shape.Scalar;
            for (int i = 0; i < columns.Length; i++)
            {
                if (i > 0) _out.Write(',');
                var p = shape.Properties[columns[i]];
                WriteCsvField(record == null ? p.Name : Format(p.Get(record)));
            }
            _out.WriteLine();
        }

        private void WriteCsvField(string value)
        {
            if (value.AsSpan().IndexOfAny(CsvSpecial) < 0)
            {
                _out.Write(value);
                return;
            }
            _out.Write('"');
            _out.Write(value.Replace("\"", "\"\""));
            _out.Write('"');
        }

        private static readonly System.Buffers.SearchValues<char> CsvSpecial = System.Buffers.SearchValues.Create(",\"\n\r");

        internal static string Format(object? value) => value switch
        {
            null => "",
            bool b => b ? "True" : "False",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        /// <summary>Writes one record as a JSON object: <c>RecordType</c>, then the other properties in declaration order.</summary>
        internal static void WriteJsonObject(Utf8JsonWriter json, object record)
        {
            var shape = RecordShape.For(record.GetType());
            json.WriteStartObject();
            var props = shape.Properties;
            for (int i = 0; i < props.Length; i++)
            {
                json.WritePropertyName(props[i].EncodedName);
                WriteJsonValue(json, props[i].Get(record));
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

    /// <summary>
    /// The record types' JSON contracts, generated at build time (no reflection at run time, so the native build
    /// writes what the JIT build writes). Properties come in declaration order; every record type declares
    /// <c>RecordType</c> first. Enums are written by name.
    /// </summary>
    [JsonSourceGenerationOptions(UseStringEnumConverter = true)]
    [JsonSerializable(typeof(IpsecSa))]
    [JsonSerializable(typeof(VpnContext))]
    [JsonSerializable(typeof(PacketTrace))]
    [JsonSerializable(typeof(PacketTracePhase))]
    [JsonSerializable(typeof(ParseDiagnostic))]
    [JsonSerializable(typeof(IpsecLifetime))]
    [JsonSerializable(typeof(VpnSessionTunnel))]
    [JsonSerializable(typeof(Finding))]
    internal sealed partial class RecordJsonContext : JsonSerializerContext
    {
    }

    /// <summary>One property of a record type as the writers see it: its name and a generated getter.</summary>
    internal sealed class RecordProperty
    {
        public RecordProperty(string name, Type type, Func<object, object?> get)
        {
            Name = name;
            PropertyType = type;
            Get = get;
            EncodedName = JsonEncodedText.Encode(name);
        }

        public string Name { get; }
        public Type PropertyType { get; }
        public JsonEncodedText EncodedName { get; }
        public Func<object, object?> Get { get; }

        /// <summary>A CSV column: not a list (lists have joined-string companions).</summary>
        public bool IsScalar => PropertyType == typeof(string) || !typeof(System.Collections.IEnumerable).IsAssignableFrom(PropertyType);
    }

    /// <summary>
    /// The public properties of a record type, in declaration order with <c>RecordType</c> first, taken from the
    /// source-generated contract: the JSON object's members, and (the scalar ones) the CSV columns.
    /// </summary>
    internal sealed class RecordShape
    {
        private static readonly Dictionary<Type, RecordShape> Cache = new Dictionary<Type, RecordShape>();
        private static RecordShape? _last;

        private RecordShape(Type type, RecordProperty[] properties)
        {
            Type = type;
            Properties = properties;
            var scalar = new List<int>();
            for (int i = 0; i < properties.Length; i++)
                if (properties[i].IsScalar) scalar.Add(i);
            Scalar = scalar.ToArray();
        }

        public Type Type { get; }

        /// <summary>Every property: the JSON object's members in order.</summary>
        public RecordProperty[] Properties { get; }

        /// <summary>Indexes into <see cref="Properties"/> of the CSV columns.</summary>
        public int[] Scalar { get; }

        /// <summary>The contract of a record type; a type without one is a programming error, reported as such.</summary>
        public static JsonTypeInfo Contract(Type type) =>
            RecordJsonContext.Default.GetTypeInfo(type)
            ?? throw new NotSupportedException($"{type.Name} has no JSON contract: add [JsonSerializable(typeof({type.Name}))] to RecordJsonContext");

        public static RecordShape For(Type type)
        {
            var last = _last;
            if (last != null && last.Type == type) return last;
            lock (Cache)
            {
                if (!Cache.TryGetValue(type, out var shape))
                {
                    var props = new List<RecordProperty>();
                    foreach (var p in Contract(type).Properties)
                    {
                        var get = p.Get ?? throw new NotSupportedException($"{type.Name}.{p.Name} has no getter in its contract");
                        props.Add(new RecordProperty(p.Name, p.PropertyType, get));
                    }
                    Cache[type] = shape = new RecordShape(type, props.ToArray());
                }
                _last = shape;
                return shape;
            }
        }
    }
}
