using System.Text.Json;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>Compares a peer project's expected values with SpiTools' records and gathers every difference.</summary>
    internal sealed class PeerChecker
    {
        public PeerChecker(string file) => File = file;

        public string File { get; }

        /// <summary>"file | where | field = peer 'x', SpiTools 'y'".</summary>
        public List<string> Differences { get; } = new List<string>();

        public int Compared { get; private set; }

        public void Same(string where, string field, string? peer, string? ours)
        {
            Compared++;
            if (!string.Equals(peer, ours, StringComparison.Ordinal))
                Differences.Add($"{File} | {where} | {field} = peer '{peer}', SpiTools '{ours}'");
        }

        public bool Found(string where, string what, bool found)
        {
            Compared++;
            if (!found) Differences.Add($"{File} | {where} | {what} = not found here");
            return found;
        }

        /// <summary>
        /// Writes every difference to the test output, then fails on any that is not one of <paramref name="known"/>
        /// or when fewer than <paramref name="atLeast"/> values were compared.
        /// </summary>
        public void AssertAgrees(Xunit.Abstractions.ITestOutputHelper output, IEnumerable<(string File, string Field, string Why)> known, int atLeast)
        {
            foreach (var line in Differences) output.WriteLine(line);
            var unexplained = Differences.Where(d => !IsKnown(d, known)).ToList();
            Xunit.Assert.True(unexplained.Count == 0, "differences from the peer's expected parse:\n" + string.Join("\n", unexplained));
            Xunit.Assert.True(Compared >= atLeast, $"only {Compared} values compared");
        }

        /// <summary>True when a difference is one of <paramref name="known"/> (file name prefix, field).</summary>
        public static bool IsKnown(string difference, IEnumerable<(string File, string Field, string Why)> known)
        {
            var parts = difference.Split(" | ");
            string field = parts[2].Split(" = ")[0];
            return known.Any(k => parts[0].StartsWith(k.File, StringComparison.Ordinal) && field == k.Field);
        }

        /// <summary>True when some difference is the known one: a documented peer error that no longer occurs is stale.</summary>
        public static bool Occurs((string File, string Field, string Why) known, IEnumerable<string> differences) =>
            differences.Any(d => d.StartsWith(known.File, StringComparison.Ordinal) && d.Split(" | ")[2].StartsWith(known.Field + " = ", StringComparison.Ordinal));

        /// <summary>"632", "4 hours, 2 mins" as seconds; null for anything else.</summary>
        public static long? Seconds(string text)
        {
            if (long.TryParse(text, out long plain)) return plain;
            long total = 0;
            foreach (var part in text.Split(','))
            {
                var words = part.Trim().Split(' ');
                if (words.Length != 2 || !long.TryParse(words[0], out long n)) return null;
                long unit = words[1].StartsWith("hour", StringComparison.Ordinal) ? 3600 : words[1].StartsWith("min", StringComparison.Ordinal) ? 60 : words[1].StartsWith("sec", StringComparison.Ordinal) ? 1 : 0;
                if (unit == 0) return null;
                total += n * unit;
            }
            return total;
        }

        /// <summary>The letters of a counter name, lower-case: "pkts_internal_err_send" and "pkts internal err (send)" meet.</summary>
        public static string Letters(string s) => new string(s.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

        public static string? Str(JsonElement e, string name)
        {
            if (!e.TryGetProperty(name, out var v)) return null;
            return v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "True",
                JsonValueKind.False => "False",
                JsonValueKind.Null => null,
                _ => v.GetRawText(),
            };
        }

        /// <summary>The value kept in OtherCounters ("name=value;…") under a name with the same letters.</summary>
        public static string? OtherCounter(IpsecSa sa, string peerName)
        {
            string letters = Letters(peerName);
            foreach (var kv in (sa.OtherCounters ?? "").Split(';'))
            {
                int eq = kv.IndexOf('=');
                if (eq > 0 && Letters(kv.Substring(0, eq)) == letters) return kv.Substring(eq + 1);
            }
            return null;
        }
    }
}
