using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>Reads the small pieces of IKE SA output: addresses, ports, clocks, numbers, key/value pairs and columns.</summary>
    internal static class IkeSaText
    {
        internal static void SetCapabilities(IkeSa sa, string caps)
        {
            sa.Capabilities = caps;
            // Letters from the legend: D - Dead Peer Detection, N - NAT-traversal.
            if (caps.IndexOf('D') >= 0) { sa.Dpd = "D"; sa.DpdEnabled = true; }
            if (caps.IndexOf('N') >= 0) { sa.NatT = "N"; sa.NatTDetected = true; }
        }

        internal static bool IsLegendLine(string s) =>
            s.Length > 4 && char.IsUpper(s[0]) && s[1] == ' ' && s[2] == '-' && s[3] == ' ';

        internal static bool StartsWithWords(string s, string prefix) => s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

        internal static string After(string s)
        {
            int c = s.IndexOf(':');
            return c < 0 ? s : s.Substring(c + 1).Trim();
        }

        internal static string RoleOf(string v)
        {
            if (v.StartsWith("init", StringComparison.OrdinalIgnoreCase)) return IkeRole.Initiator;
            if (v.StartsWith("resp", StringComparison.OrdinalIgnoreCase)) return IkeRole.Responder;
            return v;
        }

        internal static bool IsDigits(string s)
        {
            if (s.Length == 0) return false;
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return true;
        }

        /// <summary>An IPv4 or IPv6 address (digits, hex, dots, colons), possibly redacted (<c>X.X.X.X</c>).</summary>
        internal static bool IsAddress(string s)
        {
            if (s.Length < 3) return false;
            if (ParseText.LooksRedacted(s.AsSpan())) return true;
            int dots = 0, colons = 0;
            foreach (char c in s)
            {
                if (c == '.') dots++;
                else if (c == ':') colons++;
                else if (!Uri.IsHexDigit(c)) return false;
            }
            return dots == 3 || colons >= 2;
        }

        internal static bool IsAddressPort(string s)
        {
            int slash = s.LastIndexOf('/');
            return slash > 0 && IsAddress(s.Substring(0, slash)) && IsDigits(s.Substring(slash + 1));
        }

        internal static bool IsAddressLine(string s)
        {
            var words = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            return words.Length == 2 && (words[0] == "Local" || words[0] == "Remote") && IsAddressPort(words[1]);
        }

        internal static bool IsSubnetLine(string s)
        {
            var words = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 1) return IsAddress(words[0].Split('/')[0]);
            return words.Length == 2 && IsAddress(words[0]) && IsAddress(words[1]);
        }

        internal static void SplitPort(string s, out string address, out int? port)
        {
            int slash = s.LastIndexOf('/');
            if (slash > 0 && IsDigits(s.Substring(slash + 1)))
            {
                address = s.Substring(0, slash);
                port = Int(s.Substring(slash + 1));
            }
            else
            {
                address = s;
                port = null;
            }
        }

        internal static bool IsClock(string s)
        {
            var parts = s.Split(':');
            if (parts.Length != 3) return false;
            foreach (var p in parts) if (!IsDigits(p)) return false;
            return true;
        }

        /// <summary>"05:50:03" as seconds.</summary>
        internal static long? ClockSeconds(string s)
        {
            var parts = s.Split(':');
            if (parts.Length != 3) return null;
            long total = 0;
            foreach (var p in parts)
            {
                if (!IsDigits(p) || p.Length > 6) return null;
                total = total * 60 + long.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            }
            return total;
        }

        internal static int? Int(string s) => SpanNumber.TryParseInt32(s.AsSpan(), out int v) ? v : (int?)null;

        internal static long? Long(string s) => SpanNumber.TryParseInt64(s.AsSpan(), out long v) ? v : (long?)null;

        /// <summary>At least two comma-separated parts are <c>key: value</c> (a part without a colon, such as a trailing <c>QR</c>, is kept as text).</summary>
        internal static bool LooksLikeCommaPairs(string s)
        {
            int pairs = 0;
            foreach (var part in s.Split(','))
                if (part.IndexOf(':') > 0) pairs++;
            return pairs >= 2;
        }

        /// <summary>"Encr: AES-CBC, keysize: 128, DH Grp:16" as pairs.</summary>
        internal static List<(string Key, string Value)> CommaPairs(string s)
        {
            var pairs = new List<(string, string)>();
            foreach (var part in s.Split(','))
            {
                int c = part.IndexOf(':');
                if (c <= 0) { if (part.Trim().Length > 0) pairs.Add(("text", part.Trim())); continue; }
                pairs.Add((part.Substring(0, c).Trim(), part.Substring(c + 1).Trim()));
            }
            return pairs;
        }

        /// <summary>"Type    : L2L             Role    : initiator", "Local req msg id:  214            Remote req msg id:  6" as pairs.</summary>
        internal static List<(string Key, string Value)> ColumnPairs(string s)
        {
            var pairs = new List<(string, string)>();
            foreach (var part in SplitColumns(s))
            {
                int c = part.IndexOf(':');
                if (c <= 0 || c > 32) return new List<(string, string)>();
                pairs.Add((part.Substring(0, c).Trim(), part.Substring(c + 1).Trim()));
            }
            return pairs;
        }

        /// <summary>
        /// Splits before each second key: two or more spaces, then a key (a letter, then up to 30 letters, digits, spaces or
        /// <c>()/_.-</c>) and a colon followed by a space or the end.
        /// </summary>
        internal static List<string> SplitColumns(string s)
        {
            var parts = new List<string>();
            int start = 0;
            for (int i = 0; i + 2 < s.Length; i++)
            {
                if (s[i] != ' ' || s[i + 1] != ' ') continue;
                int k = i;
                while (k < s.Length && s[k] == ' ') k++;
                if (k < s.Length && char.IsLetter(s[k]) && k > start)
                {
                    int c = k + 1;
                    while (c < s.Length && c - k <= 31 && (char.IsLetterOrDigit(s[c]) || " ()/_.-".IndexOf(s[c]) >= 0)) c++;
                    if (c < s.Length && s[c] == ':' && (c + 1 == s.Length || s[c + 1] == ' ') && c - k <= 31)
                    {
                        parts.Add(s.Substring(start, i - start));
                        start = k;
                    }
                }
                i = k - 1;
            }
            parts.Add(s.Substring(start));
            return parts;
        }

        internal static void Append(StringBuilder sb, string key, string value)
        {
            if (sb.Length > 8192) return;
            if (sb.Length > 0) sb.Append(';');
            sb.Append(key).Append('=').Append(value);
        }

        internal static string Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : a + ";" + b;
    }
}
