using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads Junos <c>show security ipsec security-associations</c>, brief and <c>detail</c>. Brief: one row per SA, its
    /// direction the row's first character (<c>&lt;</c> inbound, <c>&gt;</c> outbound), columns taken from the header when
    /// there is one (rows are often single-spaced, not under their header). Detail: an <c>ID:</c> block per tunnel with
    /// one <c>Direction:</c> block per SA; its fields are read by their names, so lost indentation does not matter.
    /// The tunnel index goes to <see cref="IpsecSa.Tunnel"/> and <see cref="IpsecSa.ConnectionId"/> (what <c>clear security ipsec
    /// security-associations index N</c> takes), the bind interface to <see cref="IpsecSa.Interface"/>, the VPN name to the settings.
    /// Flags (<c>Flag: 0x600a29</c>) and IKE SA indexes are kept as settings, never as SPIs.
    /// </summary>
    internal sealed class JunosIpsecSaParser : ISectionParser
    {
        private static readonly string[] DefaultColumns = { "ID", "Algorithm", "SPI", "Life:sec/kb", "Mon", "lsys", "Port", "Gateway" };
        private static readonly string[] Weekdays = { "Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun " };

        private string[] _columns = DefaultColumns;
        private readonly StringBuilder _sb = new StringBuilder();

        // detail
        private IpsecSa? _entry;
        private IpsecSa? _sa;
        private bool _inEvents;

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            if (IsBriefRow(t, out _)) { FlushDetail(context); _entry = null; return ReadBriefRow(line, context); }
            if (t.StartsWithIgnoreCase("Total active tunnels:")) { FlushDetail(context); _entry = null; return true; }
            if (IsColumnHeader(t)) { _columns = Split(t.ToString()); return true; }
            if (IsClusterLine(t)) { FlushDetail(context); _entry = null; return true; }
            if (t.StartsWith("ID: ".AsSpan(), StringComparison.Ordinal)) return StartEntry(line, context);
            if (_entry == null) return false;
            return ReadDetail(line, context);
        }

        public void Complete(ParseContext context) => FlushDetail(context);

        /// <summary><c>node0:</c>, the dashes under it, <c>{primary:node0}</c>: chassis-cluster framing.</summary>
        internal static bool IsClusterLine(ReadOnlySpan<char> t)
        {
            if (t.Length >= 5 && t.StartsWith("node".AsSpan(), StringComparison.Ordinal) && t[t.Length - 1] == ':') return true;
            if (t.Length >= 10 && t.Trim('-').IsEmpty) return true;
            return t.Length > 2 && t[0] == '{' && t[t.Length - 1] == '}' && t.IndexOf(':') > 0;
        }

        /// <summary>The brief table's header: <c>ID Algorithm SPI Life:sec/kb Mon lsys Port Gateway</c> (in some order).</summary>
        internal static bool IsColumnHeader(ReadOnlySpan<char> t) =>
            t.StartsWith("ID ".AsSpan(), StringComparison.Ordinal) && t.IndexOf("SPI".AsSpan(), StringComparison.Ordinal) > 0
            && t.IndexOf("Gateway".AsSpan(), StringComparison.Ordinal) > 0 && t.IndexOf("Life".AsSpan(), StringComparison.Ordinal) > 0;

        /// <summary>A brief row: <c>&lt;</c> or <c>&gt;</c>, the tunnel index, then at least the algorithm and the SPI.</summary>
        internal static bool IsBriefRow(ReadOnlySpan<char> t, out bool inbound)
        {
            inbound = t.Length > 0 && t[0] == '<';
            if (t.Length < 8 || (t[0] != '<' && t[0] != '>')) return false;
            int i = 1;
            while (i < t.Length && char.IsDigit(t[i])) i++;
            return i > 1 && i < t.Length && t[i] == ' ' && t.Slice(i).IndexOf(':') > 0;
        }

        private bool ReadBriefRow(in CaptureLine line, ParseContext ctx)
        {
            IsBriefRow(line.Text, out bool inbound);
            var tokens = MergeLife(Split(line.Text.Slice(1).ToString()));
            var sa = new IpsecSa
            {
                Platform = FarEndSa.Junos,
                Line = line.Number,
                LastLine = line.Number,
                Direction = inbound ? SaDirection.Inbound : SaDirection.Outbound,
            };
            for (int i = 0; i < _columns.Length && i < tokens.Count; i++)
            {
                string value = tokens[i];
                switch (_columns[i].ToLowerInvariant())
                {
                    case "id":
                        sa.ConnectionId = ParseText.Int64OrReport(value.AsSpan(), ctx, line, "tunnel index");
                        sa.Tunnel = value;
                        break;
                    case "algorithm":
                        int colon = value.IndexOf(':');
                        if (colon > 0) sa.Protocol = value.Substring(0, colon).ToLowerInvariant();
                        sa.Transform = colon > 0 ? value.Substring(colon + 1) : value;
                        break;
                    case "spi":
                        FarEndSa.SetHexSpi(sa, value.AsSpan(), ctx, line);
                        break;
                    case "life:sec/kb":
                        ReadLife(sa, value, ctx, line);
                        break;
                    case "mon":
                        sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, "VPN Monitoring", value);
                        break;
                    case "port":
                        sa.PeerPort = ParseText.Int32OrReport(value.AsSpan(), ctx, line, "port");
                        sa.NatTraversal = sa.PeerPort == 4500;
                        break;
                    case "gateway":
                        sa.Peer = value;
                        sa.RemoteEndpoint = value;
                        break;
                    default:
                        sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, _columns[i], value);
                        break;
                }
            }
            if (tokens.Count < _columns.Length)
            {
                sa.Incomplete = true;
                ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    $"the row has {tokens.Count} of the table's {_columns.Length} columns; the SA is kept and marked incomplete");
            }
            if (sa.Spi == null) sa.Incomplete = true;
            ctx.Emit(sa);
            return true;
        }

        /// <summary><c>3429/ unlim</c> is one column printed as two tokens.</summary>
        private static List<string> MergeLife(string[] tokens)
        {
            var list = new List<string>(tokens.Length);
            for (int i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].EndsWith("/", StringComparison.Ordinal) && i + 1 < tokens.Length)
                {
                    list.Add(tokens[i] + tokens[i + 1]);
                    i++;
                }
                else list.Add(tokens[i]);
            }
            return list;
        }

        private static void ReadLife(IpsecSa sa, string value, ParseContext ctx, in CaptureLine line)
        {
            int slash = value.IndexOf('/');
            var seconds = slash < 0 ? value : value.Substring(0, slash);
            sa.RemainingSeconds = ParseText.Int64OrReport(seconds.AsSpan(), ctx, line, "lifetime seconds");
            if (slash < 0) return;
            var kb = value.Substring(slash + 1);
            if (kb.StartsWith("unlim", StringComparison.OrdinalIgnoreCase)) sa.VolumeRekeyDisabled = true;
            else sa.RemainingKilobytes = ParseText.Int64OrReport(kb.AsSpan(), ctx, line, "lifetime kilobytes");
        }

        private bool StartEntry(in CaptureLine line, ParseContext ctx)
        {
            FlushDetail(ctx);
            var entry = new IpsecSa { Platform = FarEndSa.Junos, Line = line.Number, LastLine = line.Number };
            // "ID: 131075 Virtual-system: root, VPN Name: azure-ipsec-vpn": the index, then pairs.
            var rest = line.Text.Slice(3).TrimWhiteSpace();
            int end = rest.IndexOf(' ');
            var index = end < 0 ? rest : rest.Slice(0, end);
            entry.ConnectionId = ParseText.Int64OrReport(index, ctx, line, "tunnel index");
            entry.Tunnel = index.ToString();
            foreach (var (key, value) in FarEndSa.SplitPairs(end < 0 ? default : rest.Slice(end + 1)))
                entry.OtherSettings = FarEndSa.Append(entry.OtherSettings, key, value);
            _entry = entry;
            _inEvents = false;
            return true;
        }

        private bool ReadDetail(in CaptureLine line, ParseContext ctx)
        {
            var t = line.Text;
            var target = _sa ?? _entry!;
            target.LastLine = line.Number;
            if (t.StartsWithIgnoreCase("Direction:")) { StartSa(line, ctx); return true; }
            if (_inEvents && IsEventLine(t)) return true;
            _inEvents = false;
            if (t.EqualsIgnoreCase("Tunnel events:")) { _inEvents = true; return true; }
            if (t[0] == ',')
            {
                // ", VPN Monitoring: -": the end of the Direction line, printed on a line of its own.
                foreach (var (key, value) in FarEndSa.SplitPairs(t.Slice(1))) target.OtherSettings = FarEndSa.Append(target.OtherSettings, key, value);
                return true;
            }
            if (t.StartsWithIgnoreCase("Multi-sa"))
            {
                target.OtherSettings = FarEndSa.Append(target.OtherSettings, "Multi-sa", t.Slice(8).Trim(',').TrimWhiteSpace().ToString());
                return true;
            }
            if (t.StartsWithIgnoreCase("Local Identity:") || t.StartsWithIgnoreCase("Remote Identity:"))
            {
                bool local = t[0] == 'L';
                FarEndSa.SetIdent(target, local, Identity(t.Slice(t.IndexOf(':') + 1).TrimWhiteSpace().ToString()));
                return true;
            }
            if (t.IndexOf(':') <= 0) return false;
            foreach (var (key, value) in FarEndSa.SplitPairs(t)) SetField(target, key, value, ctx, line);
            return true;
        }

        /// <summary><c>ipv4_subnet(any:0,[0..7]=10.0.0.0/24)</c> → <c>10.0.0.0/24</c>; a range (<c>ipv4(0.0.0.0-255.255.255.255)</c>) as printed inside the brackets.</summary>
        private static string Identity(string value)
        {
            int eq = value.LastIndexOf('=');
            int close = value.LastIndexOf(')');
            if (eq >= 0 && close > eq) return value.Substring(eq + 1, close - eq - 1);
            int open = value.IndexOf('(');
            if (open >= 0 && close > open) return value.Substring(open + 1, close - open - 1);
            return value;
        }

        private static bool IsEventLine(ReadOnlySpan<char> t)
        {
            if (t.Length < 20) return false;
            foreach (var d in Weekdays)
                if (t.StartsWith(d.AsSpan(), StringComparison.Ordinal)) return t.IndexOf(':') > 0;
            return false;
        }

        private void StartSa(in CaptureLine line, ParseContext ctx)
        {
            if (_sa != null) ctx.Emit(_sa);
            var sa = _entry!.CloneEntry();
            sa.Line = line.Number;
            sa.LastLine = line.Number;
            foreach (var (key, value) in FarEndSa.SplitPairs(line.Text))
            {
                if (key.Equals("Direction", StringComparison.OrdinalIgnoreCase))
                    sa.Direction = value.StartsWith("in", StringComparison.OrdinalIgnoreCase) ? SaDirection.Inbound : SaDirection.Outbound;
                else if (key.Equals("SPI", StringComparison.OrdinalIgnoreCase)) FarEndSa.SetHexSpi(sa, value.AsSpan(), ctx, line);
                else sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, key, value);
            }
            _sa = sa;
        }

        private static void SetField(IpsecSa sa, string key, string value, ParseContext ctx, in CaptureLine line)
        {
            switch (key.ToLowerInvariant())
            {
                case "local gateway": sa.LocalEndpoint = value; sa.LocalAddress = value; break;
                case "remote gateway": sa.RemoteEndpoint = value; sa.Peer = value; break;
                case "version": sa.IkeVersion = value; break;
                case "bind-interface": sa.Interface = value; break;
                case "port":
                    sa.PeerPort = ParseText.Int32OrReport(value.AsSpan(), ctx, line, "port");
                    sa.NatTraversal = sa.PeerPort == 4500;
                    break;
                case "hard lifetime": sa.RemainingSeconds = FarEndSa.FirstNumber(value); break;
                case "lifesize remaining":
                    if (value.StartsWith("Unlim", StringComparison.OrdinalIgnoreCase)) sa.VolumeRekeyDisabled = true;
                    else sa.RemainingKilobytes = FarEndSa.FirstNumber(value);
                    break;
                case "mode":
                    int paren = value.IndexOf('(');
                    sa.Mode = paren > 0 ? value.Substring(0, paren) : value;
                    break;
                case "state": sa.State = value; break;
                case "protocol": sa.Protocol = value.ToLowerInvariant(); break;
                case "encryption": sa.Transform = sa.Transform == null ? value : value + " " + sa.Transform; break;
                case "authentication": sa.Transform = sa.Transform == null ? value : sa.Transform + " " + value; break;
                case "anti-replay service": sa.ReplayDetection = !value.StartsWith("disabled", StringComparison.OrdinalIgnoreCase); break;
                case "replay window size": sa.ReplayWindowSize = (int?)FarEndSa.FirstNumber(value); break;
                case "pfs group":
                    var group = FarEndSa.FirstNumber(value);
                    if (group != null) sa.PfsGroup = (int)group;
                    else sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, key, value);
                    break;
                default: sa.OtherSettings = FarEndSa.Append(sa.OtherSettings, key, value); break;
            }
        }

        private void FlushDetail(ParseContext ctx)
        {
            if (_sa != null) ctx.Emit(_sa);
            else if (_entry != null)
            {
                // A tunnel printed without a Direction block still yields one record (no SPI), as for Cisco.
                _entry.Incomplete = true;
                ctx.Emit(_entry);
            }
            _sa = null;
            _entry = null;
            _inEvents = false;
        }

        private static string[] Split(string text) => text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
