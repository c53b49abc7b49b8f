using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SpiTools.Parsing;

namespace SpiTools.Robustness
{
    /// <summary>
    /// Damages captures the way people and terminals do, reproducibly from a seed: drops, duplicates, swaps and
    /// truncates lines; joins and wraps them; strips or doubles indentation; CRLF; non-breaking spaces; '×' for
    /// 'x'; markdown '*'; pager residue with backspaces; random bytes; invalid UTF-8; NUL bytes; HTML tags, breaks and
    /// character references; line numbers, quote markers or timestamps in front of a block of lines.
    /// </summary>
    public static class Mutator
    {
        public const int Kinds = 18;

        public static readonly string[] KindNames =
        {
            "drop-line", "duplicate-line", "swap-lines", "truncate", "join-lines", "wrap-line", "strip-indent", "double-indent",
            "crlf", "nbsp", "times-for-x", "markdown", "pager", "random-bytes", "invalid-utf8", "nul", "html", "line-prefix",
        };

        /// <summary>Applies 1 to 3 mutations; returns the mutant and what was done.</summary>
        public static (byte[] Mutant, string Applied) Mutate(byte[] input, Random r)
        {
            var lines = Split(input);
            var applied = new List<string>();
            int n = 1 + r.Next(3);
            for (int k = 0; k < n; k++)
            {
                int kind = r.Next(Kinds);
                applied.Add(KindNames[kind]);
                Apply(kind, lines, r);
            }
            return (Join(lines), string.Join("+", applied));
        }

        private static List<byte[]> Split(byte[] input)
        {
            var lines = new List<byte[]>();
            int start = 0;
            for (int i = 0; i < input.Length; i++)
            {
                if (input[i] != (byte)'\n') continue;
                lines.Add(input.AsSpan(start, i - start).ToArray());
                start = i + 1;
            }
            lines.Add(input.AsSpan(start).ToArray()); // after the last '\n': possibly empty
            return lines;
        }

        private static byte[] Join(List<byte[]> lines)
        {
            var ms = new MemoryStream();
            for (int i = 0; i < lines.Count; i++)
            {
                if (i > 0) ms.WriteByte((byte)'\n');
                ms.Write(lines[i], 0, lines[i].Length);
            }
            return ms.ToArray();
        }

        private static void Apply(int kind, List<byte[]> lines, Random r)
        {
            if (lines.Count == 0) lines.Add(Array.Empty<byte>());
            int i = r.Next(lines.Count);
            switch (kind)
            {
                case 0: if (lines.Count > 1) lines.RemoveAt(i); break;
                case 1: lines.Insert(i, lines[i]); break;
                case 2: if (i + 1 < lines.Count) (lines[i], lines[i + 1]) = (lines[i + 1], lines[i]); break;
                case 3:
                    {
                        int total = lines.Sum(l => l.Length + 1);
                        int cut = r.Next(Math.Max(1, total));
                        var joined = Join(lines).AsSpan(0, Math.Min(cut, Join(lines).Length)).ToArray();
                        lines.Clear();
                        lines.AddRange(Split(joined));
                        break;
                    }
                case 4: if (i + 1 < lines.Count) { lines[i] = lines[i].Concat(lines[i + 1]).ToArray(); lines.RemoveAt(i + 1); } break;
                case 5:
                    if (lines[i].Length > 2)
                    {
                        int at = 1 + r.Next(lines[i].Length - 1);
                        var a = lines[i].AsSpan(0, at).ToArray();
                        var b = lines[i].AsSpan(at).ToArray();
                        lines[i] = a;
                        lines.Insert(i + 1, b);
                    }
                    break;
                case 6: for (int j = 0; j < lines.Count; j++) lines[j] = lines[j].SkipWhile(b => b == (byte)' ' || b == (byte)'\t').ToArray(); break;
                case 7: for (int j = 0; j < lines.Count; j++) { int ind = lines[j].TakeWhile(b => b == (byte)' ').Count(); lines[j] = Enumerable.Repeat((byte)' ', ind).Concat(lines[j]).ToArray(); } break;
                case 8: for (int j = 0; j < lines.Count; j++) lines[j] = lines[j].Concat(new[] { (byte)'\r' }).ToArray(); break;
                case 9: lines[i] = Replace(lines[i], new[] { (byte)' ' }, new byte[] { 0xC2, 0xA0 }, r); break;
                case 10: for (int j = 0; j < lines.Count; j++) lines[j] = Replace(lines[j], new[] { (byte)'0', (byte)'x' }, new byte[] { (byte)'0', 0xC3, 0x97 }, r); break;
                case 11:
                    {
                        var l = lines[i].ToList();
                        l.Insert(r.Next(l.Count + 1), (byte)'*');
                        l.Insert(r.Next(l.Count + 1), (byte)'*');
                        lines[i] = l.ToArray();
                        break;
                    }
                case 12:
                    {
                        var residue = r.Next(2) == 0
                            ? Encoding.ASCII.GetBytes("<--- More --->\r              \r")
                            : Encoding.ASCII.GetBytes(" --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b");
                        lines[i] = residue.Concat(lines[i]).ToArray();
                        break;
                    }
                case 13:
                    {
                        var l = lines[i].ToArray();
                        for (int k = 0, c = 1 + r.Next(8); k < c && l.Length > 0; k++) l[r.Next(l.Length)] = (byte)r.Next(256);
                        lines[i] = l;
                        break;
                    }
                case 14:
                    {
                        var l = lines[i].ToList();
                        var bad = new[] { new byte[] { 0xC3, 0x28 }, new byte[] { 0xFF }, new byte[] { 0xE2, 0x82 }, new byte[] { 0xED, 0xA0, 0x80 } }[r.Next(4)];
                        l.InsertRange(r.Next(l.Count + 1), bad);
                        lines[i] = l.ToArray();
                        break;
                    }
                case 15:
                    {
                        var l = lines[i].ToList();
                        l.Insert(r.Next(l.Count + 1), 0);
                        lines[i] = l.ToArray();
                        break;
                    }
                case 16: Html(lines, i, r); break;
                case 17: Prefix(lines, i, r); break;
            }
        }

        private static readonly string[] Tags = { "b", "strong", "span class=\"hl\"", "font color='red'", "code", "i" };

        /// <summary>HTML as a web page or an HTML mail has it.</summary>
        private static void Html(List<byte[]> lines, int i, Random r)
        {
            byte[] A(string s) => Encoding.ASCII.GetBytes(s);
            switch (r.Next(6))
            {
                case 0: // a tag around part of a line
                    {
                        var l = lines[i];
                        int a = r.Next(l.Length + 1), b = a + r.Next(l.Length - a + 1);
                        var tag = Tags[r.Next(Tags.Length)];
                        var name = tag.Split(' ')[0];
                        lines[i] = l.Take(a).Concat(A($"<{tag}>")).Concat(l.Skip(a).Take(b - a)).Concat(A($"</{name}>")).Concat(l.Skip(b)).ToArray();
                        break;
                    }
                case 1: // character references for what HTML escapes, and for spaces
                    lines[i] = lines[i].SelectMany(c => c == (byte)'<' ? A("&lt;") : c == (byte)'>' ? A("&gt;") : c == (byte)'&' ? A("&amp;")
                        : c == (byte)'#' && r.Next(2) == 0 ? A("&#35;") : c == (byte)' ' && r.Next(3) == 0 ? A("&nbsp;") : new[] { c }).ToArray();
                    break;
                case 2: // <br> at every line's end
                    for (int j = 0; j < lines.Count; j++) lines[j] = lines[j].Concat(A(r.Next(2) == 0 ? "<br>" : "<br/>")).ToArray();
                    break;
                case 3: // lines joined with <br> (an HTML mail's source)
                    for (int j = i, k = r.Next(2, 6); k > 0 && j + 1 < lines.Count; k--)
                    {
                        lines[j] = lines[j].Concat(A(r.Next(2) == 0 ? "<br>" : "</div><div>")).Concat(lines[j + 1]).ToArray();
                        lines.RemoveAt(j + 1);
                    }
                    break;
                case 4: // the whole capture in <pre>
                    lines[0] = A("<pre><code>").Concat(lines[0]).ToArray();
                    lines[^1] = lines[^1].Concat(A("</code></pre>")).ToArray();
                    break;
                default: // a tag that is no HTML, or a broken one
                    lines[i] = lines[i].Concat(A(new[] { " <none>", " <b", " &foo;", " &#xZZ;", " <unknown>" }[r.Next(5)])).ToArray();
                    break;
            }
        }

        /// <summary>Line numbers, quote markers or a terminal logger's times in front of a block of lines.</summary>
        private static void Prefix(List<byte[]> lines, int i, Random r)
        {
            int start = r.Next(3) == 0 ? i : 0;
            int end = r.Next(3) == 0 ? Math.Min(lines.Count, start + r.Next(1, 12)) : lines.Count;
            int form = r.Next(7);
            for (int j = start; j < end; j++)
            {
                int n = j - start + 1;
                string prefix = form switch
                {
                    0 => $"{n}: ",
                    1 => $"{n,4}. ",
                    2 => $"{n:D4} ",
                    3 => $"{n,3} | ",
                    4 => r.Next(4) == 0 ? ">> " : "> ",
                    5 => $"[2026-11-20 09:{14 + n / 60 % 40:D2}:{n % 60:D2}] ",
                    _ => $"09:14:{n % 60:D2}.{n % 1000:D3} ",
                };
                lines[j] = Encoding.ASCII.GetBytes(prefix).Concat(lines[j]).ToArray();
            }
        }

        private static byte[] Replace(byte[] line, byte[] what, byte[] with, Random r)
        {
            var outp = new List<byte>(line.Length + 8);
            for (int i = 0; i < line.Length; i++)
            {
                if (i + what.Length <= line.Length && line.AsSpan(i, what.Length).SequenceEqual(what) && r.Next(2) == 0)
                {
                    outp.AddRange(with);
                    i += what.Length - 1;
                }
                else outp.Add(line[i]);
            }
            return outp.ToArray();
        }
    }

    /// <summary>One mutation run: parse every mutant and check the invariants; failures carry the seed and index.</summary>
    public static class MutationRun
    {
        public sealed class Result
        {
            public long Mutants;
            public long Bytes;
            public long Records;
            public long Diagnostics;
            public List<string> Failures = new List<string>();
        }

        /// <summary>The seed of mutant <paramref name="index"/> of a run with <paramref name="seed"/>, so any one mutant replays alone.</summary>
        public static int MutantSeed(int seed, long index) => unchecked((int)(seed * 1000003L + index * 7919L));

        public static Result Run(IReadOnlyList<(string Name, byte[] Bytes)> seeds, int seed, long count, int maxFailures = 20)
        {
            var result = new Result();
            for (long i = 0; i < count && result.Failures.Count < maxFailures; i++)
            {
                var r = new Random(MutantSeed(seed, i));
                var (name, bytes) = seeds[r.Next(seeds.Count)];
                var (mutant, applied) = Mutator.Mutate(bytes, r);
                string id = $"seed {seed}, mutant {i} ({name}: {applied})";
                try
                {
                    var (fingerprint, stats, records, diags, faults) = Parse(mutant);
                    long expectedLines = mutant.Count(b => b == (byte)'\n') + (mutant.Length > 0 && mutant[^1] != (byte)'\n' ? 1 : 0);
                    if (stats.Lines != expectedLines) result.Failures.Add($"{id}: read {stats.Lines} lines, input has {expectedLines}");
                    else if (!stats.IsBalanced) result.Failures.Add($"{id}: lines not accounted for: {stats}");
                    else if (faults > 0) result.Failures.Add($"{id}: {faults} ParserFault diagnostic(s)");
                    else if (Parse(mutant).Fingerprint != fingerprint) result.Failures.Add($"{id}: a second parse gave different output");
                    result.Records += records;
                    result.Diagnostics += diags;
                }
                catch (Exception ex)
                {
                    result.Failures.Add($"{id}: {ex.GetType().Name}: {ex.Message}");
                }
                result.Mutants++;
                result.Bytes += mutant.Length;
            }
            return result;
        }

        private static (string Fingerprint, ParseStatistics Stats, long Records, long Diagnostics, int Faults) Parse(byte[] input)
        {
            var stats = new ParseStatistics();
            var sb = new StringBuilder();
            long records = 0, diags = 0;
            int faults = 0;
            foreach (var rec in CaptureParser.Parse(new MemoryStream(input, false), "mutant", new CaptureParseOptions { Statistics = stats }))
            {
                if (rec is ParseDiagnostic d)
                {
                    diags++;
                    if (d.Code == DiagnosticCodes.ParserFault) faults++;
                    sb.Append(d.Code).Append('@').Append(d.Line).Append('-').Append(d.LastLine).Append(';');
                }
                else
                {
                    records++;
                    sb.Append(rec.RecordType).Append('@').Append(rec.Line).Append('-').Append(rec.LastLine).Append(':').Append(rec).Append(';');
                }
            }
            return (sb.ToString(), stats, records, diags, faults);
        }

        /// <summary>Every capture under a folder, as seeds.</summary>
        public static List<(string Name, byte[] Bytes)> LoadSeeds(string folder) =>
            Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".raw", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
                .ToList();
    }
}
