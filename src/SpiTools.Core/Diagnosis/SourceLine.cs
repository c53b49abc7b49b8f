using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SpiTools.Diagnosis
{
    /// <summary>One capture line a finding rests on: the file's name (without its folder) and the line number.</summary>
    internal readonly struct SourceLine : IEquatable<SourceLine>
    {
        public SourceLine(string? file, int line)
        {
            File = file;
            Line = line;
        }

        /// <summary>The file name without its folder; null when the record came from no named source.</summary>
        public string? File { get; }

        /// <summary>1-based line number.</summary>
        public int Line { get; }

        /// <summary>The first line of a record.</summary>
        public static SourceLine Of(ICaptureRecord record) =>
            new SourceLine(record.Source == null ? null : Path.GetFileName(record.Source), record.Line);

        /// <summary>The first lines of several records, each once, in order; absent records are skipped.</summary>
        public static IReadOnlyList<SourceLine> Of(IEnumerable<ICaptureRecord?> records) =>
            records.Where(r => r != null).Select(r => Of(r!)).Distinct().ToList();

        /// <summary>The public flat form of <see cref="Finding.SourceLines"/>: <c>file:line</c> joined with <c>; </c>.</summary>
        public static string Join(IEnumerable<SourceLine> lines) => string.Join("; ", lines);

        /// <summary><c>file:line</c>, with <c>?</c> for an unnamed source.</summary>
        public override string ToString() => $"{File ?? "?"}:{Line}";

        public bool Equals(SourceLine other) => string.Equals(File, other.File, StringComparison.Ordinal) && Line == other.Line;

        public override bool Equals(object? obj) => obj is SourceLine other && Equals(other);

        public override int GetHashCode() => ((File == null ? 0 : StringComparer.Ordinal.GetHashCode(File)) * 397) ^ Line;
    }
}
