using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using SpiTools.Abstractions;
using SpiTools.Reporting;

namespace SpiTools.Cli
{
    /// <summary>
    /// <c>spitools report</c>: one self-contained HTML page from the JSON that <c>diagnose</c>, <c>parse</c> (and
    /// <c>audit</c>) write. The JSON is read with <see cref="JsonDocument"/>, by property name: no reflection.
    /// </summary>
    internal static class ReportCommand
    {
        public static Command Create()
        {
            var title = new Option<string>("--title")
            {
                Description = "The page's title.",
                DefaultValueFactory = _ => "SpiTools fleet audit",
            };
            var output = new Option<string>("--out")
            {
                Description = "The HTML file to write (replaced if it exists).",
                Required = true,
            };
            var debug = CommonOptions.Debug();
            var inputs = new Argument<string[]>("INPUT")
            {
                Description = "JSON files written by spitools diagnose, parse or audit with --format json ('-' reads standard input).",
                Arity = ArgumentArity.OneOrMore,
            };
            var command = new Command("report", "Write a fleet audit report: one HTML file with the findings, failed devices, SA tables and lifetime charts.")
            {
                title, output, debug, inputs,
            };
            command.SetAction(result =>
            {
                bool dbg = result.GetValue(debug);
                return CommonOptions.Guard(dbg, () =>
                {
                    using var sink = new ConsoleSink(_ => { }, Console.Error, dbg);
                    var report = new AuditReport { Title = result.GetValue(title) ?? "SpiTools fleet audit", GeneratedAt = DateTimeOffset.UtcNow };
                    foreach (var input in result.GetValue(inputs) ?? Array.Empty<string>())
                    {
                        if (sink.IsStopping) break;
                        Read(input, report, sink);
                    }
                    string path = result.GetValue(output)!;
                    try
                    {
                        report.WriteTo(path);
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        sink.Error(ErrorIds.ReportWriteFailed, SpiErrorCategory.ReadError, new IOException($"{path}: cannot write the report: {ex.Message}", ex), path);
                        return sink.ExitCode;
                    }
                    sink.Note($"{path}: {report.Devices.Count} device summaries, {report.Findings.Count} findings, {report.SecurityAssociations.Count} SAs, {report.Installs.Count} SA installs");
                    return sink.ExitCode;
                });
            });
            return command;
        }

        /// <summary>Adds one JSON file's records; every element is accounted for in a line on standard error.</summary>
        internal static void Read(string input, AuditReport report, ConsoleSink sink)
        {
            JsonDocument document;
            try
            {
                if (input == "-")
                {
                    document = JsonDocument.Parse(Console.OpenStandardInput());
                }
                else
                {
                    using var stream = File.OpenRead(input);
                    document = JsonDocument.Parse(stream);
                }
            }
            catch (FileNotFoundException ex)
            {
                sink.Error(ErrorIds.CaptureFileNotFound, SpiErrorCategory.ObjectNotFound, new FileNotFoundException($"{input}: no such file", ex), input);
                return;
            }
            catch (DirectoryNotFoundException ex)
            {
                sink.Error(ErrorIds.CaptureFileNotFound, SpiErrorCategory.ObjectNotFound, new FileNotFoundException($"{input}: no such file", ex), input);
                return;
            }
            catch (UnauthorizedAccessException ex)
            {
                sink.Error(ErrorIds.CaptureFileUnreadable, SpiErrorCategory.ReadError, new IOException($"{input}: cannot be read: {ex.Message}", ex), input);
                return;
            }
            catch (JsonException ex)
            {
                sink.Error(ErrorIds.ReportInputInvalid, SpiErrorCategory.InvalidData, new InvalidDataException($"{input}: not JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): spitools reads the JSON that its --format json writes", ex), input);
                return;
            }
            catch (IOException ex)
            {
                sink.Error(ErrorIds.CaptureFileUnreadable, SpiErrorCategory.ReadError, new IOException($"{input}: cannot be read: {ex.Message}", ex), input);
                return;
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    sink.Error(ErrorIds.ReportInputInvalid, SpiErrorCategory.InvalidData,
                        new InvalidDataException($"{input}: not an array of records (spitools writes one JSON array of objects with a RecordType)"), input);
                    return;
                }
                int taken = 0, index = 0;
                var left = new SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    index++;
                    string? type = null;
                    object? record = element.ValueKind == JsonValueKind.Object
                        ? ReportRecords.Convert(null, name => Value(element, name), element.EnumerateObject().Select(p => p.Name).ToList(), out type)
                        : null;
                    if (record != null && report.Add(record))
                    {
                        taken++;
                        continue;
                    }
                    string key = type ?? (element.ValueKind == JsonValueKind.Object ? "unrecognised object" : "not an object");
                    left[key] = left.TryGetValue(key, out var n) ? n + 1 : 1;
                    if (type == null) sink.Warning($"{input}: element {index} is not a SpiTools record: left out");
                }
                string rest = left.Count == 0 ? "" : "; not shown: " + string.Join(", ", left.Select(kv => $"{kv.Value} {kv.Key}"));
                sink.Note($"{input}: {index} records: {taken} in the report{rest}");
            }
        }

        /// <summary>A property's value: strings and numbers as their text (the converter parses them invariantly), booleans, null.</summary>
        private static object? Value(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
        }
    }
}
