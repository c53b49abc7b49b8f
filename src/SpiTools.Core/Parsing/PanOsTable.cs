using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>
    /// A PAN-OS CLI table (<c>show vpn ipsec-sa</c>, <c>show vpn ike-sa</c>): a header of column names, a row of dashes,
    /// rows of single-word values. The header's two-word names (<c>Gateway Name</c>, <c>GwID/client IP</c>) are joined so that
    /// names and values line up by position; the two-token dates (<c>Jun.04 21:09:13</c>) are joined likewise in rows.
    /// </summary>
    internal sealed class PanOsTable
    {
        private readonly string[] _columns;

        private PanOsTable(string[] columns) => _columns = columns;

        /// <summary>The header's column names as joined.</summary>
        public IReadOnlyList<string> Columns => _columns;

        /// <summary>A header line with all of <paramref name="required"/> among its names, or null.</summary>
        public static PanOsTable? TryHeader(ReadOnlySpan<char> line, params string[] required)
        {
            var text = line.ToString().Replace("GwID/client IP", "GwID/client-IP").Replace("Gateway Name", "Gateway-Name").Replace("Gateway ID", "Gateway-ID");
            var columns = text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            foreach (var r in required)
                if (Array.IndexOf(columns, r) < 0) return null;
            return new PanOsTable(columns);
        }

        /// <summary>The position of a column, or -1.</summary>
        public int IndexOf(string column) => Array.IndexOf(_columns, column);

        /// <summary>A row's values, dates joined: as many as there are columns when the row is whole.</summary>
        public static List<string> Values(ReadOnlySpan<char> line)
        {
            var tokens = line.ToString().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            var values = new List<string>(tokens.Length);
            for (int i = 0; i < tokens.Length; i++)
            {
                // "Jun.04 21:09:13": a month, a dot and a day, then a time.
                if (i + 1 < tokens.Length && tokens[i].Length >= 5 && tokens[i][3] == '.' && char.IsLetter(tokens[i][0]) && tokens[i + 1].Length == 8 && tokens[i + 1][2] == ':')
                {
                    values.Add(tokens[i] + " " + tokens[i + 1]);
                    i++;
                }
                else values.Add(tokens[i]);
            }
            return values;
        }

        /// <summary>The dashes under a header.</summary>
        public static bool IsRule(ReadOnlySpan<char> t)
        {
            if (t.Length < 4 || t[0] != '-' || t[1] != '-') return false;
            foreach (char c in t)
                if (c != '-' && c != ' ') return false;
            return true;
        }

        /// <summary>Totals and notes PAN-OS prints around its tables (<c>Show IPsec SA: Total 1 tunnels found.</c>, <c>There is no IKEv1 phase-1 SA found.</c>).</summary>
        public static bool IsNote(ReadOnlySpan<char> t) =>
            (t.StartsWith("Show ".AsSpan(), StringComparison.Ordinal) && t.IndexOf("Total ".AsSpan(), StringComparison.Ordinal) > 0)
            || (t.StartsWith("There is no ".AsSpan(), StringComparison.Ordinal) && t.EndsWith("found.".AsSpan(), StringComparison.Ordinal));

        /// <summary>Two SAs (inbound and outbound) from one row's <c>SPI(in)</c> and <c>SPI(out)</c>, both with <paramref name="template"/>'s fields.</summary>
        public static void EmitPair(IpsecSa template, string spiIn, string spiOut, ParseContext ctx, in CaptureLine line)
        {
            var inbound = template.CloneEntry();
            inbound.Direction = SaDirection.Inbound;
            FarEndSa.SetHexSpi(inbound, spiIn.AsSpan(), ctx, line);
            var outbound = template.CloneEntry();
            outbound.Direction = SaDirection.Outbound;
            outbound.IsCurrentOutbound = true;
            FarEndSa.SetHexSpi(outbound, spiOut.AsSpan(), ctx, line);
            ctx.Emit(inbound);
            ctx.Emit(outbound);
        }

        /// <summary><c>ESP/A256/SHA256</c> → protocol <c>esp</c>, transform <c>A256/SHA256</c>.</summary>
        public static void SetAlgorithm(IpsecSa sa, string value)
        {
            int slash = value.IndexOf('/');
            sa.Protocol = (slash > 0 ? value.Substring(0, slash) : value).ToLowerInvariant();
            sa.Transform = slash > 0 ? value.Substring(slash + 1) : null;
        }
    }
}
