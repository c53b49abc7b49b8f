using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>swanctl --list-sas</c>. Each line is told by its content, not its indentation (a paste often loses it):
    /// <c>name: #1, ESTABLISHED, IKEv2, …_i* …_r</c> opens an IKE SA, <c>name: #1, reqid 1, INSTALLED, TUNNEL, ESP:…</c> a
    /// CHILD_SA; <c>local '…' @ addr[port]</c> is the IKE SA's end, <c>local 10.1.0.0/16</c> the CHILD_SA's selectors;
    /// <c>in c8931e89, 84 bytes, 1 packets, 0s ago</c> and <c>out …</c> are its SAs with their own counters.
    /// IKE SPIs (16 hex digits) go to the <see cref="IkeSa"/>, never to an <see cref="IpsecSa"/>.
    /// </summary>
    internal sealed class StrongSwanListSasParser : ISectionParser
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

        private static readonly Regex IkeHeader = new Regex(
            @"^(?<name>\S.*?): #(?<id>\d+), (?<state>[A-Z_]+), IKEv(?<v>[12])(?:, (?<ispi>[0-9a-fA-F]{16})_i(?<istar>\*)? (?<rspi>[0-9a-fA-F]{16})_r(?<rstar>\*)?)?\s*$",
            RegexOptions.CultureInvariant, Limit);

        private static readonly Regex ChildHeader = new Regex(
            @"^(?<name>\S.*?): #(?<id>\d+), reqid (?<reqid>\d+), (?<state>[A-Z_]+), (?<mode>[A-Z_]+)(?<udp>-in-UDP)?(?:, (?<proto>ESP|AH|IPCOMP)(?::(?<alg>\S+))?)?",
            RegexOptions.CultureInvariant, Limit);

        private static readonly Regex IkeEnd = new Regex(
            @"^(?<side>local|remote)\s+'(?<id>[^']*)' @ (?<addr>[0-9A-Fa-f:.]+)\[(?<port>\d+)\](?<rest>.*)$", RegexOptions.CultureInvariant, Limit);

        private static readonly Regex SaLine = new Regex(
            @"^(?<dir>in|out)\s+(?<spi>[0-9a-fA-F]{1,8})\b[^,]*,\s*(?<bytes>\d+) bytes,\s*(?<packets>\d+) packets(?:,\s*(?<ago>\d+)s ago)?",
            RegexOptions.CultureInvariant, Limit);

        private static readonly Regex Proposal = new Regex(@"^[A-Z0-9_]+(?:-\d+)?(?:/[A-Z0-9_]+(?:-\d+)?)+$", RegexOptions.CultureInvariant, Limit);

        private IkeSa? _ike;
        private string? _ikeName;
        private readonly List<string> _childSpis = new List<string>();
        private FarEndChildSa? _child;

        internal static bool IsIkeHeader(ReadOnlySpan<char> text) =>
            text.IndexOf(": #".AsSpan(), StringComparison.Ordinal) > 0 && text.IndexOf(", IKEv".AsSpan(), StringComparison.Ordinal) > 0 &&
            IkeHeader.IsMatch(text.ToString());

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var text = line.Text.ToString();
            Match m;
            if (text.IndexOf(": #", StringComparison.Ordinal) > 0)
            {
                if ((m = IkeHeader.Match(text)).Success) { StartIke(m, line, context); return true; }
                if ((m = ChildHeader.Match(text)).Success) { StartChild(m, line, context); return true; }
            }
            if ((m = IkeEnd.Match(text)).Success && _ike != null && _child == null)
            {
                var addr = m.Groups["addr"].Value;
                int port = int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (m.Groups["side"].Value == "local") { _ike.LocalAddress = addr; _ike.LocalPort = port; _ike.LocalId = m.Groups["id"].Value; }
                else { _ike.Peer = addr; _ike.PeerPort = port; _ike.RemoteId = m.Groups["id"].Value; }
                var rest = m.Groups["rest"].Value.Trim();
                if (rest.Length > 0) AddOther(_ike, m.Groups["side"].Value + "-extra", rest);
                return Touch(_ike, line);
            }
            if (_child != null)
            {
                if ((m = SaLine.Match(text)).Success)
                {
                    var half = m.Groups["dir"].Value == "in" ? _child.In : _child.Out;
                    FarEndChildSa.SetSpi(half, m.Groups["spi"].Value.AsSpan(), line.Number);
                    half.Bytes = long.Parse(m.Groups["bytes"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    half.Packets = long.Parse(m.Groups["packets"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (m.Groups["ago"].Success) half.IdleSeconds = long.Parse(m.Groups["ago"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    _child.LastLine = line.Number;
                    return true;
                }
                if (text.StartsWith("installed ", StringComparison.Ordinal) || text.StartsWith("rekeying ", StringComparison.Ordinal) || text.StartsWith("expires ", StringComparison.Ordinal))
                {
                    _child.AgeSeconds = FarEndText.SecondsAfter(text, "installed ");
                    _child.RekeySeconds = FarEndText.SecondsAfter(text, "rekeying in ");
                    _child.RemainingSeconds = FarEndText.SecondsAfter(text, "expires in ");
                    _child.LastLine = line.Number;
                    return true;
                }
                if (text.StartsWith("local ", StringComparison.Ordinal)) { _child.LocalSelectors = text.Substring(6).Trim(); _child.LastLine = line.Number; return true; }
                if (text.StartsWith("remote ", StringComparison.Ordinal)) { _child.RemoteSelectors = text.Substring(7).Trim(); _child.LastLine = line.Number; return true; }
            }
            if (_ike != null && _child == null)
            {
                if (text.StartsWith("established ", StringComparison.Ordinal))
                {
                    _ike.ActiveSeconds = FarEndText.SecondsAfter(text, "established ");
                    var rekey = FarEndText.SecondsAfter(text, "rekeying in ");
                    var reauth = FarEndText.SecondsAfter(text, "reauth in ");
                    _ike.RemainingSeconds = rekey ?? reauth;
                    if (rekey != null) AddOther(_ike, "rekey-in", rekey + "s");
                    if (reauth != null) AddOther(_ike, "reauth-in", reauth + "s");
                    return Touch(_ike, line);
                }
                if (Proposal.IsMatch(text))
                {
                    ReadProposal(_ike, text);
                    return Touch(_ike, line);
                }
                if (text.StartsWith("active:", StringComparison.Ordinal) || text.StartsWith("queued:", StringComparison.Ordinal) || text.StartsWith("passive:", StringComparison.Ordinal))
                {
                    AddOther(_ike, "tasks-" + text.Substring(0, text.IndexOf(':')), text.Substring(text.IndexOf(':') + 1).Trim());
                    return Touch(_ike, line);
                }
            }
            return false;
        }

        public void Complete(ParseContext context)
        {
            FlushChild(context);
            FlushIke(context);
        }

        private void StartIke(Match m, in CaptureLine line, ParseContext ctx)
        {
            FlushChild(ctx);
            FlushIke(ctx);
            _ikeName = m.Groups["name"].Value;
            _ike = new IkeSa
            {
                Platform = "strongSwan",
                Line = line.Number,
                LastLine = line.Number,
                IkeVersion = "IKEv" + m.Groups["v"].Value,
                State = m.Groups["state"].Value,
                TunnelId = m.Groups["id"].Value,
            };
            AddOther(_ike, "name", _ikeName);
            if (m.Groups["ispi"].Success)
            {
                bool initiator = m.Groups["istar"].Success;
                _ike.Role = initiator ? IkeRole.Initiator : m.Groups["rstar"].Success ? IkeRole.Responder : null;
                _ike.LocalSpi = (initiator || !m.Groups["rstar"].Success ? m.Groups["ispi"] : m.Groups["rspi"]).Value.ToLowerInvariant();
                _ike.RemoteSpi = (initiator || !m.Groups["rstar"].Success ? m.Groups["rspi"] : m.Groups["ispi"]).Value.ToLowerInvariant();
            }
            _childSpis.Clear();
        }

        private void StartChild(Match m, in CaptureLine line, ParseContext ctx)
        {
            FlushChild(ctx);
            var c = new FarEndChildSa("strongSwan", line.Number)
            {
                Connection = _ikeName,
                Tunnel = m.Groups["name"].Value,
                TunnelId = "#" + m.Groups["id"].Value,
                State = m.Groups["state"].Value,
                Mode = Title(m.Groups["mode"].Value),
                NatTraversal = m.Groups["udp"].Success,
                Protocol = m.Groups["proto"].Success ? m.Groups["proto"].Value.ToLowerInvariant() : "esp",
                Transform = m.Groups["alg"].Success ? m.Groups["alg"].Value : null,
            };
            if (_ike != null)
            {
                c.IkeVersion = _ike.IkeVersion;
                c.LocalEndpoint = _ike.LocalAddress;
                c.LocalPort = _ike.LocalPort;
                c.RemoteEndpoint = _ike.Peer;
                c.RemotePort = _ike.PeerPort;
                _ike.LastLine = line.Number;
            }
            _child = c;
        }

        private void FlushChild(ParseContext ctx)
        {
            if (_child == null) return;
            var c = _child;
            _child = null;
            if (!c.In.Seen && !c.Out.Seen && c.State == "INSTALLED")
            {
                c.Incomplete = true;
                ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, c.Line, default,
                    $"CHILD_SA '{c.Tunnel}' ends before its in / out lines; it is kept without SPIs and marked incomplete");
            }
            if (_ike != null)
            {
                _childSpis.Add($"{c.In.Spi}/{c.Out.Spi}");
                _ike.LastLine = Math.Max(_ike.LastLine, c.LastLine);
            }
            c.Emit(ctx);
        }

        private void FlushIke(ParseContext ctx)
        {
            if (_ike == null) return;
            _ike.ChildSaCount = _childSpis.Count;
            if (_childSpis.Count > 0) _ike.ChildSpis = string.Join(";", _childSpis);
            ctx.Emit(_ike);
            _ike = null;
            _ikeName = null;
        }

        private static bool Touch(IkeSa ike, in CaptureLine line)
        {
            ike.LastLine = line.Number;
            return true;
        }

        internal static void ReadProposal(IkeSa ike, string proposal)
        {
            var parts = proposal.Split('/');
            foreach (var p in parts)
            {
                if (p.StartsWith("PRF_", StringComparison.Ordinal)) ike.Prf = p;
                else if (p.StartsWith("HMAC_", StringComparison.Ordinal) || p.StartsWith("AES_XCBC", StringComparison.Ordinal) || p.StartsWith("AES_CMAC", StringComparison.Ordinal)) ike.Hash = p;
                else if (p.StartsWith("MODP_", StringComparison.Ordinal) || p.StartsWith("ECP_", StringComparison.Ordinal) || p.StartsWith("CURVE_", StringComparison.Ordinal) || p.StartsWith("ML_KEM", StringComparison.Ordinal)) ike.DhGroup = p;
                else if (ike.Encryption == null)
                {
                    int dash = p.LastIndexOf('-');
                    int us = p.LastIndexOf('_');
                    if (dash > 0 && int.TryParse(p.Substring(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k)) { ike.Encryption = p.Substring(0, dash); ike.KeySize = k; }
                    else if (us > 0 && int.TryParse(p.Substring(us + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out k) && k >= 64) { ike.Encryption = p.Substring(0, us); ike.KeySize = k; }
                    else ike.Encryption = p;
                }
            }
        }

        internal static void AddOther(IkeSa ike, string key, string value) =>
            ike.OtherFields = ike.OtherFields == null ? $"{key}={value}" : $"{ike.OtherFields};{key}={value}";

        internal static string Title(string mode) => mode.Length == 0 ? mode : mode.Substring(0, 1) + mode.Substring(1).ToLowerInvariant();
    }
}
