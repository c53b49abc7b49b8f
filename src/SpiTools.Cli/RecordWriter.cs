using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpiTools.Cli
{
    /// <summary>
    /// Writes records as they arrive. JSON: one array of objects, each starting with <c>RecordType</c>, then the
    /// record's properties by their PowerShell names (<c>[]</c> when there are none; nothing at all when a verb is refused
    /// before its first record and never calls <see cref="Complete"/>, so standard output is valid JSON or empty). CSV and table: the first record type seen streams as one
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

        // Writing on a thread of its own (see the constructor): batches of records go through a short bounded queue.
        private const int BatchSize = 128;
        private readonly BlockingCollection<List<object>>? _queue;
        private readonly Thread? _thread;
        private List<object> _batch = new List<object>(BatchSize);
        private readonly object _gate = new object();
        private long _handed, _done; // batches handed over / written (under _gate)
        private Exception? _failure;

        /// <param name="output">Where CSV and tables go (and the newline after the JSON array).</param>
        /// <param name="rawOutput">Where the JSON goes (the same stream, unbuffered).</param>
        /// <param name="format">The output format.</param>
        /// <param name="background">
        /// Write on a thread of its own, so formatting runs beside the parser that hands out the records. Records are
        /// read-only outside the core and the core never changes one it has handed out, so the writing thread reads
        /// them as they were when handed over. Order and bytes are those of writing in line; a failure while writing is
        /// thrown by the next call.
        /// </param>
        public RecordWriter(TextWriter output, Stream? rawOutput, OutputFormat format, bool background = false)
        {
            _out = output;
            _format = format;
            if (format == OutputFormat.Json)
            {
                _jsonStream = rawOutput ?? throw new ArgumentNullException(nameof(rawOutput));
                // The array opens with the first record or at Complete: a run refused before either leaves standard output empty.
                _json = new Utf8JsonWriter(_jsonStream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }
            if (background)
            {
                _queue = new BlockingCollection<List<object>>(boundedCapacity: 2);
                _thread = new Thread(Consume) { IsBackground = true, Name = "spitools writer" };
                _thread.Start();
            }
        }

        /// <summary>
        /// The inventory's own columns (Site, Owner, …) a CSV table of <see cref="DeviceAuditSummary"/> records ends with,
        /// the same for every row (see <see cref="SummaryColumns"/>); set before the first summary is written.
        /// </summary>
        public IReadOnlyList<string> SummaryInventoryColumns { get; set; } = Array.Empty<string>();

        /// <summary>Number of records written.</summary>
        public long Count { get; private set; }

        public void Write(object record)
        {
            Count++;
            if (_queue == null)
            {
                WriteNow(record);
                return;
            }
            ThrowIfFailed();
            _batch.Add(record);
            if (_batch.Count >= BatchSize) Hand();
        }

        /// <summary>Writes what was handed over so far and flushes the text output.</summary>
        public void Flush()
        {
            Drain();
            _out.Flush();
        }

        private void Hand()
        {
            _handed++;
            _queue!.Add(_batch);
            _batch = new List<object>(BatchSize);
        }

        /// <summary>Waits until every record handed over is written (the writing thread is then idle).</summary>
        private void Drain()
        {
            if (_queue == null) return;
            if (_batch.Count > 0) Hand();
            lock (_gate)
            {
                while (_done < _handed) Monitor.Wait(_gate);
            }
            ThrowIfFailed();
        }

        private void Consume()
        {
            foreach (var batch in _queue!.GetConsumingEnumerable())
            {
                if (Volatile.Read(ref _failure) == null)
                {
                    try
                    {
                        foreach (var record in batch) WriteNow(record);
                    }
                    catch (Exception ex)
                    {
                        Volatile.Write(ref _failure, ex);
                    }
                }
                lock (_gate)
                {
                    _done++;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private bool _opened;

        /// <summary>Opens the JSON array once (on the thread that writes; <see cref="Complete"/> waits for that thread first).</summary>
        private void Open(Utf8JsonWriter json)
        {
            if (_opened) return;
            json.WriteStartArray();
            _opened = true;
        }

        private void ThrowIfFailed()
        {
            var failure = Volatile.Read(ref _failure);
            if (failure != null) ExceptionDispatchInfo.Capture(failure).Throw();
        }

        private void WriteNow(object record)
        {
            if (_json != null)
            {
                Open(_json);
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
            if (_queue != null)
            {
                Drain();
                _queue.CompleteAdding();
                _thread!.Join();
            }
            if (_json != null)
            {
                Open(_json);
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
                if (!headerWritten)
                {
                    var columns = type == typeof(DeviceAuditSummary) ? SummaryColumns.Header(SummaryInventoryColumns).ToArray()
                        : RecordWriters.Columns(type) ?? throw RecordWriters.Unknown(type);
                    for (int i = 0; i < columns.Length; i++)
                    {
                        if (i > 0) _out.Write(',');
                        RecordWriters.Csv(_out, columns[i]);
                    }
                    _out.WriteLine();
                    headerWritten = true;
                }
                if (record is DeviceAuditSummary summary) SummaryColumns.WriteCsv(_out, summary, SummaryInventoryColumns);
                else if (!RecordWriters.TryWriteCsv(_out, record)) throw RecordWriters.Unknown(type);
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

        /// <summary>Writes one record as a JSON object: <c>RecordType</c>, then the other properties in declaration order.</summary>
        internal static void WriteJsonObject(Utf8JsonWriter json, object record)
        {
            if (record is DeviceAuditSummary summary) SummaryColumns.WriteJson(json, summary);
            else if (!RecordWriters.TryWriteJson(json, record)) throw RecordWriters.Unknown(record.GetType());
        }

        public void Dispose()
        {
            if (_queue != null)
            {
                if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
                if (_thread!.Join(TimeSpan.FromSeconds(30))) _queue.Dispose();
            }
            _json?.Dispose();
        }
    }

    /// <summary>
    /// The writers of each record type (generated into RecordWriters.g.cs) and the value writers they call. The
    /// generated code names the properties only; the compiler picks the overload for each property's type, so a
    /// property that changes type (an enum that becomes a string) needs no change here. No reflection: the native
    /// build writes what the JIT build writes.
    /// </summary>
    internal static partial class RecordWriters
    {
        public static NotSupportedException Unknown(Type type) =>
            new NotSupportedException($"{type.Name} has no generated writer: regenerate RecordWriters.g.cs (dotnet run --project tools/SpiTools.WriterGenerator)");

        private static JsonEncodedText[] Encode(string[] names)
        {
            var encoded = new JsonEncodedText[names.Length];
            for (int i = 0; i < names.Length; i++) encoded[i] = JsonEncodedText.Encode(names[i]);
            return encoded;
        }

        // ---- JSON values: what the writer has always written for each type ----

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, string? value)
        {
            if (value == null) w.WriteNull(name);
            else w.WriteString(name, value);
        }

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, int value) => w.WriteNumber(name, value);

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, long value) => w.WriteNumber(name, value);

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, double value) => w.WriteNumber(name, value);

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, bool value) => w.WriteBoolean(name, value);

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, int? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.GetValueOrDefault());
            else w.WriteNull(name);
        }

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, long? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.GetValueOrDefault());
            else w.WriteNull(name);
        }

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, double? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.GetValueOrDefault());
            else w.WriteNull(name);
        }

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, bool? value)
        {
            if (value.HasValue) w.WriteBoolean(name, value.GetValueOrDefault());
            else w.WriteNull(name);
        }

        // Times as ISO 8601, as PowerShell's ConvertTo-Json writes them: no trailing zero fractions, the zone when known.
        private const string IsoTime = "yyyy-MM-ddTHH:mm:ss.FFFFFFFK";
        private const string IsoOffset = "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz";

        /// <summary>A time, as ISO 8601, in JSON and CSV alike.</summary>
        private static void Put(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset value) => w.WriteString(name, value.ToString(IsoOffset, CultureInfo.InvariantCulture));

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset? value)
        {
            if (value.HasValue) Put(w, name, value.GetValueOrDefault());
            else w.WriteNull(name);
        }

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, DateTime value) => w.WriteString(name, value.ToString(IsoTime, CultureInfo.InvariantCulture));

        private static void Put(Utf8JsonWriter w, JsonEncodedText name, DateTime? value)
        {
            if (value.HasValue) Put(w, name, value.GetValueOrDefault());
            else w.WriteNull(name);
        }

        private static void Put<TEnum>(Utf8JsonWriter w, JsonEncodedText name, TEnum value) where TEnum : struct, Enum =>
            w.WriteString(name, value.ToString());

        private static void Put<TEnum>(Utf8JsonWriter w, JsonEncodedText name, TEnum? value) where TEnum : struct, Enum
        {
            if (value.HasValue) w.WriteString(name, value.GetValueOrDefault().ToString());
            else w.WriteNull(name);
        }

        /// <summary>A list: an array of its records (each a JSON object of its own type).</summary>
        private static void Put<T>(Utf8JsonWriter w, JsonEncodedText name, System.Collections.Generic.IEnumerable<T>? items) where T : class
        {
            if (items == null)
            {
                w.WriteNull(name);
                return;
            }
            w.WriteStartArray(name);
            foreach (var item in items)
            {
                if (item == null) w.WriteNullValue();
                else if (!TryWriteJson(w, item)) throw Unknown(item.GetType());
            }
            w.WriteEndArray();
        }

        // ---- CSV values: RecordWriter.Format's text, quoted where needed ----

        private static readonly System.Buffers.SearchValues<char> CsvSpecial = System.Buffers.SearchValues.Create(",\"\n\r");

        internal static void Csv(TextWriter o, string? value)
        {
            if (value == null) return;
            if (value.AsSpan().IndexOfAny(CsvSpecial) < 0)
            {
                o.Write(value);
                return;
            }
            o.Write('"');
            o.Write(value.Replace("\"", "\"\""));
            o.Write('"');
        }

        private static void Csv(TextWriter o, bool value) => o.Write(value ? "True" : "False");

        private static void Csv(TextWriter o, DateTimeOffset value) => o.Write(value.ToString(IsoOffset, CultureInfo.InvariantCulture));

        private static void Csv(TextWriter o, DateTimeOffset? value)
        {
            if (value.HasValue) Csv(o, value.GetValueOrDefault());
        }

        private static void Csv(TextWriter o, DateTime value) => o.Write(value.ToString(IsoTime, CultureInfo.InvariantCulture));

        private static void Csv(TextWriter o, DateTime? value)
        {
            if (value.HasValue) Csv(o, value.GetValueOrDefault());
        }

        private static void Csv(TextWriter o, bool? value)
        {
            if (value.HasValue) Csv(o, value.GetValueOrDefault());
        }

        private static void Csv<T>(TextWriter o, T value) where T : struct, ISpanFormattable
        {
            Span<char> buffer = stackalloc char[64];
            if (value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture)) o.Write(buffer.Slice(0, written));
            else Csv(o, value.ToString(null, CultureInfo.InvariantCulture));
        }

        private static void Csv<T>(TextWriter o, T? value) where T : struct, ISpanFormattable
        {
            if (value.HasValue) Csv(o, value.GetValueOrDefault());
        }
    }
}
