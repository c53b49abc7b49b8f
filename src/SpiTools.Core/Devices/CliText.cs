using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Devices
{
    /// <summary>Recognisers for the few CLI lines the dialogue acts on: prompts, pager prompts, the echoed command and error lines.</summary>
    internal static class CliText
    {
        /// <summary>
        /// A prompt: a host name (a letter or digit, then letters, digits, <c>_</c>, <c>.</c>, <c>-</c>; at most 64),
        /// up to three <c>/segment</c>s (<c>/ctx</c>, <c>/pri/act</c>), an optional <c>(mode)</c>, then <c>#</c> or
        /// <c>&gt;</c> and nothing after (the line is trimmed by the caller).
        /// </summary>
        public static bool TryParsePrompt(string line, out string host, out string mode, out char end)
        {
            host = "";
            mode = "";
            end = '\0';
            int i = 0;
            if (line.Length == 0 || !IsLetterOrDigit(line[0])) return false;
            while (i < line.Length && IsNameChar(line[i])) i++;
            if (i > 64) return false;
            host = line.Substring(0, i);
            int segments = 0;
            while (i < line.Length && line[i] == '/')
            {
                int start = ++i;
                while (i < line.Length && IsNameChar(line[i])) i++;
                if (i == start || ++segments > 3) return false;
            }
            if (i < line.Length && line[i] == '(')
            {
                int start = ++i;
                while (i < line.Length && (IsLetterOrDigit(line[i]) || line[i] == '_' || line[i] == '-')) i++;
                if (i == start || i >= line.Length || line[i] != ')') return false;
                mode = line.Substring(start, i - start);
                i++;
            }
            if (i != line.Length - 1 || (line[i] != '#' && line[i] != '>')) return false;
            end = line[i];
            return true;
        }

        /// <summary>A pager prompt: <c>&lt;--- More ---&gt;</c> (ASA), <c>--More--</c> (IOS), <c>-------more-------</c>, blanks around.</summary>
        public static bool IsPager(string line)
        {
            var t = line.Trim();
            if (t.Length >= 2 && t[0] == '<' && t[t.Length - 1] == '>') t = t.Substring(1, t.Length - 2);
            int i = 0;
            while (i < t.Length && t[i] == '-') i++;
            if (i == 0) return false;
            while (i < t.Length && t[i] == ' ') i++;
            if (i + 4 > t.Length || string.Compare(t, i, "more", 0, 4, StringComparison.OrdinalIgnoreCase) != 0) return false;
            i += 4;
            while (i < t.Length && t[i] == ' ') i++;
            int dashes = i;
            while (i < t.Length && t[i] == '-') i++;
            return i > dashes && i == t.Length;
        }

        /// <summary>How many leading lines are the echoed command (possibly wrapped over several lines).</summary>
        public static int EchoLines(List<string> lines, string command)
        {
            var joined = new StringBuilder();
            for (int i = 0; i < lines.Count && i < 4; i++)
            {
                var l = lines[i];
                if (i == 0)
                {
                    var t = l.Trim();
                    if (t.Length > 0 && t.EndsWith(command, StringComparison.Ordinal)) return 1;
                }
                joined.Append(l.TrimEnd());
                var s = joined.ToString().Trim();
                if (s == command) return i + 1;
                if (!command.StartsWith(s, StringComparison.Ordinal)) return 0;
            }
            return 0;
        }

        /// <summary>The device's error line when the first lines of the output are an error, else null.</summary>
        public static string? FindErrorLine(List<string> lines, int start)
        {
            int seen = 0;
            for (int i = start; i < lines.Count && seen < 4; i++)
            {
                var t = lines[i].Trim();
                if (t.Length == 0) continue;
                seen++;
                if (IsErrorLine(t)) return t;
            }
            return null;
        }

        /// <summary>A refusal on any platform: the error markers of every <see cref="PlatformProfile"/> (the platform may not be known yet).</summary>
        public static bool IsErrorLine(string t)
        {
            foreach (var start in ErrorStarts)
                if (t.StartsWith(start, StringComparison.OrdinalIgnoreCase)) return true;
            foreach (var text in ErrorTexts)
                if (t.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            if (t.StartsWith("%", StringComparison.Ordinal))
                foreach (var text in PercentErrorTexts)
                    if (t.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }

        private static readonly string[] ErrorStarts = Union(p => p.ErrorLineStarts);
        private static readonly string[] ErrorTexts = Union(p => p.ErrorLineTexts);
        private static readonly string[] PercentErrorTexts = Union(p => p.PercentErrorTexts);

        private static string[] Union(Func<PlatformProfile, IReadOnlyList<string>> markers)
        {
            var list = new List<string>();
            foreach (var p in PlatformProfile.All)
                foreach (var m in markers(p))
                    if (!list.Contains(m)) list.Add(m);
            return list.ToArray();
        }

        private static bool IsLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        private static bool IsNameChar(char c) => IsLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }
}
