using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The front of a log line: an optional syslog priority (<c>&lt;166&gt;</c>), sequence number (<c>000123:</c>), time
    /// (<c>Sep  7 23:11:13</c>, <c>*Mar  1 00:01:02.345 UTC</c>, <c>Sep 07 2024 23:11:13</c>, <c>2024-09-07T23:11:13.123+02:00</c>),
    /// and host names a syslog relay or the device puts before the message, repeated when a relay adds its own time and
    /// host in front of the device's.
    /// </summary>
    internal struct LogLinePrefix
    {
        public DateTime? Time;
        public string? TimeText;
        public string? Zone;
        public bool YearAssumed;
        public long? Sequence;
        public string? Host;
        public int MessageStart;

        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        /// <summary>
        /// Reads the prefix of <paramref name="s"/>. True when the line is a log line: it carries a time, or its message
        /// starts with a syslog code (<c>%ASA-5-602303:</c>) or an IKE / IPsec debug facility.
        /// </summary>
        public static bool TryParse(string s, int assumedYear, out LogLinePrefix p) => TryParse(s.AsSpan(), assumedYear, true, out p);

        /// <summary>
        /// True when <paramref name="s"/> is a log line whose message starts with a syslog code or a crypto debug facility
        /// (what the event reader recognises a log by). Reads the span as it is: nothing is copied.
        /// </summary>
        public static bool IsLogMessage(ReadOnlySpan<char> s) => TryParse(s, 2000, false, out var p) && IsMessageStart(s, p.MessageStart);

        /// <summary>As <see cref="TryParse(string, int, out LogLinePrefix)"/>; the texts (time, zone, host) only when <paramref name="texts"/>.</summary>
        private static bool TryParse(ReadOnlySpan<char> s, int assumedYear, bool texts, out LogLinePrefix p)
        {
            p = default;
            int i = 0;
            if (i < s.Length && s[i] == '<')
            {
                int close = s.IndexOf('>');
                if (close > 1 && close < 6 && IsDigits(s, 1, close - 1)) i = close + 1;
            }
            bool any = false;
            for (int round = 0; round < 4; round++)
            {
                i = SkipSpaces(s, i);
                if (i >= s.Length) break;
                if (IsMessageStart(s, i)) { p.MessageStart = i; return true; }
                // Sequence number "000123: "
                int d = i;
                while (d < s.Length && IsDigit(s[d])) d++;
                if (d > i && d < s.Length && s[d] == ':' && (d + 1 >= s.Length || s[d + 1] == ' ') && d - i <= 10 && p.Time == null)
                {
                    p.Sequence = Digits(s, i, d - i);
                    i = d + 1;
                    any = true;
                    continue;
                }
                if (TryTime(s, ref i, assumedYear, texts, ref p))
                {
                    any = true;
                    i = SkipSpaces(s, i);
                    if (i < s.Length && s[i] == ':') i++;
                    continue;
                }
                if (!any) return false;
                // A host (relay's view of the device, or the device's own "fw-edge1 :" / "fw-edge1:") before the message.
                int h = i;
                while (h < s.Length && s[h] != ' ' && s[h] != ':' ) h++;
                if (h < s.Length && s[h] == ':' && h + 1 < s.Length && s[h + 1] != ' ' && IsIpv6Char(s, i, h)) { while (h < s.Length && s[h] != ' ') h++; }
                if (h == i || !IsHost(s, i, h)) break;
                if (texts) p.Host = s.Slice(i, h - i).ToString().TrimEnd(':');
                i = SkipSpaces(s, h);
                if (i < s.Length && s[i] == ':') i = SkipSpaces(s, i + 1);
            }
            if (!any) return false;
            p.MessageStart = Math.Min(SkipSpaces(s, i), s.Length);
            return true;
        }

        /// <summary>A syslog code <c>%FAC-n-MNEMONIC</c> or a crypto debug facility starts here.</summary>
        private static bool IsMessageStart(ReadOnlySpan<char> s, int i)
        {
            if (i >= s.Length) return false;
            if (s[i] == '%')
            {
                int dash = s.Slice(i).IndexOf('-');
                if (dash >= 0) dash += i;
                return dash > i + 1 && dash + 2 < s.Length && IsDigit(s[dash + 1]) && s[dash + 2] == '-';
            }
            // A facility followed by ':' or '-' ("IKEv2:(SA ID = 1)", "ISAKMP-PAK:"), not a continuation line such as
            // "IKEv2 CREATE_CHILD_SA Exchange REQUEST".
            return Facility(s, i, "ISAKMP") || Facility(s, i, "IKEv2") || Facility(s, i, "IKEV2") || StartsWith(s, i, "IPSEC(")
                || StartsWith(s, i, "IPSEC:") || StartsWith(s, i, "IPsec:") || StartsWith(s, i, "IPSEC ") || StartsWith(s, i, "CRYPTO_")
                || StartsWith(s, i, "CRYPTO:") || StartsWith(s, i, "IKE:");
        }

        private static bool TryTime(ReadOnlySpan<char> s, ref int i, int assumedYear, bool texts, ref LogLinePrefix p)
        {
            int start = i;
            int j = i;
            if (j < s.Length && (s[j] == '*' || s[j] == '.')) j++;
            int year, month, day;
            bool yearAssumed = false;
            // ISO 8601
            if (j + 19 <= s.Length && IsDigits(s, j, 4) && s[j + 4] == '-' && IsDigits(s, j + 5, 2) && s[j + 7] == '-' && IsDigits(s, j + 8, 2) && (s[j + 10] == 'T' || s[j + 10] == ' '))
            {
                year = Num(s, j, 4); month = Num(s, j + 5, 2); day = Num(s, j + 8, 2);
                j += 11;
            }
            else
            {
                if (j + 3 > s.Length) return false;
                month = 0;
                var name = s.Slice(j, 3);
                for (int m = 0; m < Months.Length && month == 0; m++)
                    if (name.Equals(Months[m].AsSpan(), StringComparison.OrdinalIgnoreCase)) month = m + 1;
                if (month == 0 || j + 3 >= s.Length || s[j + 3] != ' ') return false;
                j = SkipSpaces(s, j + 3);
                int dd = j;
                while (j < s.Length && IsDigit(s[j]) && j - dd < 2) j++;
                if (j == dd || j >= s.Length || s[j] != ' ') return false;
                day = Num(s, dd, j - dd);
                j = SkipSpaces(s, j);
                if (j + 5 <= s.Length && IsDigits(s, j, 4) && s[j + 4] == ' ')
                {
                    year = Num(s, j, 4);
                    j = SkipSpaces(s, j + 4);
                }
                else
                {
                    year = assumedYear;
                    yearAssumed = true;
                    if (month == 2 && day == 29) while (!DateTime.IsLeapYear(year)) year--;
                }
            }
            // HH:MM:SS[.fff]
            if (j + 8 > s.Length || !IsDigits(s, j, 2) || s[j + 2] != ':' || !IsDigits(s, j + 3, 2) || s[j + 5] != ':' || !IsDigits(s, j + 6, 2)) return false;
            int hh = Num(s, j, 2), mi = Num(s, j + 3, 2), ss = Num(s, j + 6, 2);
            j += 8;
            long ticks = 0;
            if (j < s.Length && s[j] == '.')
            {
                int f = j + 1;
                while (f < s.Length && IsDigit(s[f]) && f - j <= 7) f++;
                if (f > j + 1)
                {
                    // Seven digits of 100 ns: the fraction's digits, then zeros.
                    int n = Math.Min(f - j - 1, 7);
                    ticks = Digits(s, j + 1, n);
                    for (int k = n; k < 7; k++) ticks *= 10;
                    j = f;
                }
            }
            string? zone = null;
            if (j < s.Length && (s[j] == 'Z' || s[j] == '+' || s[j] == '-'))
            {
                int z = j + 1;
                while (z < s.Length && (IsDigit(s[z]) || s[z] == ':')) z++;
                if (s[j] == 'Z' || z - j >= 3) { zone = texts ? s.Slice(j, z - j).ToString() : null; j = z; }
            }
            else if (j + 2 < s.Length && s[j] == ' ' && char.IsUpper(s[j + 1]))
            {
                // IOS "23:11:13.123 UTC:" / "CET:": an upper-case zone name right before the colon.
                int z = j + 1;
                while (z < s.Length && char.IsUpper(s[z])) z++;
                if (z - j - 1 >= 2 && z - j - 1 <= 5 && z < s.Length && s[z] == ':') { zone = texts ? s.Slice(j + 1, z - j - 1).ToString() : null; j = z; }
            }
            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, Math.Min(9999, year)), month) || hh > 23 || mi > 59 || ss > 60) return false;
            if (ss == 60) ss = 59; // a leap second, kept in the text
            p.Time = new DateTime(year, month, day, hh, mi, ss, DateTimeKind.Unspecified).AddTicks(ticks);
            if (texts) p.TimeText = s.Slice(start, j - start).ToString();
            p.Zone = zone;
            p.YearAssumed = yearAssumed;
            i = j;
            return true;
        }

        private static bool IsHost(ReadOnlySpan<char> s, int from, int to)
        {
            if (to - from > 64) return false;
            for (int k = from; k < to; k++)
            {
                char c = s[k];
                if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '[' || c == ']')) return false;
            }
            return true;
        }

        private static bool IsIpv6Char(ReadOnlySpan<char> s, int from, int to)
        {
            for (int k = from; k < to; k++) if (!Uri.IsHexDigit(s[k])) return false;
            return true;
        }

        private static bool Facility(ReadOnlySpan<char> s, int i, string name)
        {
            if (!StartsWith(s, i, name)) return false;
            int j = i + name.Length;
            return j < s.Length && (s[j] == ':' || s[j] == '-' || (s[j] == ' ' && j + 1 < s.Length && (s[j + 1] == '(' || s[j + 1] == ':')));
        }

        private static bool StartsWith(ReadOnlySpan<char> s, int i, string v) => s.Slice(i).StartsWith(v.AsSpan(), StringComparison.Ordinal);

        private static int SkipSpaces(ReadOnlySpan<char> s, int i)
        {
            while (i < s.Length && s[i] == ' ') i++;
            return i;
        }

        private static bool IsDigits(ReadOnlySpan<char> s, int i, int n)
        {
            if (i + n > s.Length) return false;
            for (int k = i; k < i + n; k++) if (!IsDigit(s[k])) return false;
            return true;
        }

        private static int Num(ReadOnlySpan<char> s, int i, int n) => (int)Digits(s, i, n);

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary>The number written by the <paramref name="n"/> ASCII digits at <paramref name="i"/> (at most 10, checked by the callers).</summary>
        private static long Digits(ReadOnlySpan<char> s, int i, int n)
        {
            long v = 0;
            for (int k = i; k < i + n; k++) v = v * 10 + (s[k] - '0');
            return v;
        }
    }
}
