using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads strongSwan's <c>ipsec status</c> / <c>ipsec statusall</c>. Under <c>Security Associations</c>, lines
    /// <c>name[N]: …</c> belong to IKE SA N (<c>ESTABLISHED … local[id]...remote[id]</c>, <c>IKEv2 SPIs: …_i* …_r</c>:
    /// IKE SPIs, never IPsec SPIs) and <c>name{N}: …</c> to CHILD_SA N, which follows its IKE SA:
    /// <c>INSTALLED, TUNNEL, reqid 1, ESP SPIs: ccb4e51d_i c186cf93_o</c>, then
    /// <c>AES_CBC_256/HMAC_SHA1_96, 252 bytes_i (3 pkts, 358s ago), 280 bytes_o …</c> and <c>local === remote</c>.
    /// The daemon's status, listening addresses, connections and routed connections are read and left. A line that
    /// starts with none of these continues the line before it (a terminal wrapped it): they are read as one.
    /// </summary>
    internal sealed class StrongSwanStatusParser : ISectionParser
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

        // "name[12]: …" / "name{12}: …"; a name may hold a colon (LEVIKOM:).
        private static readonly Regex Prefixed = new Regex(@"^(?<name>\S.*?)(?<open>[\[{])(?<id>\d+)[\]}]:\s*(?<rest>.*)$", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex Established = new Regex(@"^(?<state>[A-Z_]+)(?: (?<ago>.+?) ago)?, (?<local>[^\[\s]+)\[(?<lid>[^\]]*)\]\.\.\.(?<remote>[^\[\s]+)\[(?<rid>[^\]]*)\]", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex IkeSpis = new Regex(@"^IKEv(?<v>[12]) SPIs: (?<ispi>[0-9a-fA-F]{16})_i(?<istar>\*)? (?<rspi>[0-9a-fA-F]{16})_r(?<rstar>\*)?(?:, (?<rest>.*))?$", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex ChildSpis = new Regex(@"^(?<state>[A-Z_]+), (?<mode>[A-Z_]+)(?:, reqid (?<reqid>\d+))?(?:, (?<proto>ESP|AH)(?<udp> in UDP)? SPIs: (?<in>[0-9a-fA-F]{1,8})_i(?: (?<out>[0-9a-fA-F]{1,8})_o)?)?(?:, (?<rest>.*))?$", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex Counters = new Regex(@"^(?<alg>[^,]+), (?<bin>\d+) bytes_i(?: \((?<pin>\d+) pkts?, (?<ain>\d+)s ago\))?(?:, (?<bout>\d+) bytes_o(?: \((?<pout>\d+) pkts?, (?<aout>\d+)s ago\))?)?(?:, (?<rest>.*))?$", RegexOptions.CultureInvariant, Limit);
        private static readonly Regex Selectors = new Regex(@"^(?<local>\S.*?) === (?<remote>\S.*)$", RegexOptions.CultureInvariant, Limit);

        private enum Part { None, Header, Connections, Routed, Sas }

        // Until the output shows itself (the daemon's header, a section title, an SA line) nothing else is taken:
        // libreswan answers the same "ipsec status" with another output, which its own format then reads.
        private Part _part = Part.None;
        private IkeSa? _ike;
        private string? _ikeName;
        private readonly List<string> _childSpis = new List<string>();
        private FarEndChildSa? _child;

        // The last line, held until the next shows whether it continues it (a wrapped line).
        private string? _held;
        private int _heldLine;
        private bool _heldSpace;
        private Part _heldPart;

        internal static bool IsChildSpiLine(ReadOnlySpan<char> t) =>
            t.IndexOf("}:".AsSpan(), StringComparison.Ordinal) > 0 && t.IndexOf(" SPIs: ".AsSpan(), StringComparison.Ordinal) > 0 && t.IndexOf("_i".AsSpan(), StringComparison.Ordinal) > 0;

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var text = line.Text.ToString();
            if (_held != null && Continues(text))
            {
                context.Report(DiagnosticCodes.WrappedLine, DiagnosticSeverity.Info, line.Number, line.Raw,
                    $"this line continues line {_heldLine}, which the terminal wrapped; the two were read as one");
                _held = _held + (_heldSpace ? " " : "") + text;
                _heldSpace = EndsWithSpace(line.Raw);
                return true;
            }
            if (!Recognised(text)) return false;
            FlushHeld(context);
            _held = text;
            _heldPart = _part;
            _heldLine = line.Number;
            _heldSpace = EndsWithSpace(line.Raw);
            return true;
        }

        public void Complete(ParseContext context)
        {
            FlushHeld(context);
            FlushChild(context);
            FlushIke(context);
        }

        private static bool EndsWithSpace(ReadOnlySpan<char> raw) => raw.Length > 0 && (raw[raw.Length - 1] == ' ' || raw[raw.Length - 1] == '\t');

        /// <summary>A line that opens nothing this output prints: the rest of the held line.</summary>
        private bool Continues(string text) => _heldPart == Part.Sas && !Prefixed.IsMatch(text) && !text.StartsWith("Security Associations", StringComparison.Ordinal) && text != "none";

        /// <summary>True for a line this output prints (read in <see cref="Process"/> once the next line is known).</summary>
        private bool Recognised(string text)
        {
            if (text.StartsWith("Status of IKE charon daemon", StringComparison.Ordinal)) { _part = Part.Header; return true; }
            if (text == "Connections:") { _part = Part.Connections; return true; }
            if (text == "Routed Connections:") { _part = Part.Routed; return true; }
            if (text.StartsWith("Security Associations (", StringComparison.Ordinal)) { _part = Part.Sas; return true; }
            if (text == "Listening IP addresses:" || text.StartsWith("Virtual IP pools", StringComparison.Ordinal) || text.StartsWith("Leases in pool", StringComparison.Ordinal)) { _part = Part.Header; return true; }
            switch (_part)
            {
                case Part.None:
                    if (text[0] == '"' || !Prefixed.IsMatch(text)) return false;
                    _part = Part.Sas;
                    return true;
                case Part.Header:
                    return true; // uptime, malloc, worker threads, loaded plugins, addresses, pools: the daemon's state
                case Part.Connections:
                    return text.IndexOf(':') > 0;
                case Part.Routed:
                    return Prefixed.IsMatch(text);
                default:
                    return Prefixed.IsMatch(text) || text == "none";
            }
        }

        private void FlushHeld(ParseContext ctx)
        {
            if (_held == null) return;
            var text = _held;
            int n = _heldLine;
            _held = null;
            if (_heldPart == Part.Sas) Process(text, n, ctx);
        }

        private void Process(string text, int n, ParseContext ctx)
        {
            var m = Prefixed.Match(text);
            if (!m.Success) return;
            string name = m.Groups["name"].Value;
            string rest = m.Groups["rest"].Value;
            bool isChild = m.Groups["open"].Value == "{";
            string id = m.Groups["id"].Value;
            if (!isChild)
            {
                if (_ike == null || _ikeName != name || _ike.TunnelId != id) StartIke(name, id, n, ctx);
                ReadIkeLine(rest, n);
                return;
            }
            if (_child == null || _child.Tunnel != name || _child.TunnelId != "{" + id + "}") StartChild(name, id, n, ctx);
            ReadChildLine(rest, n, ctx);
        }

        private void StartIke(string name, string id, int n, ParseContext ctx)
        {
            FlushChild(ctx);
            FlushIke(ctx);
            _ikeName = name;
            _ike = new IkeSa { Platform = "strongSwan", Line = n, LastLine = n, TunnelId = id };
            StrongSwanListSasParser.AddOther(_ike, "name", name);
            _childSpis.Clear();
        }

        private void ReadIkeLine(string rest, int n)
        {
            var ike = _ike!;
            ike.LastLine = n;
            Match m;
            if ((m = Established.Match(rest)).Success)
            {
                ike.State = m.Groups["state"].Value;
                if (m.Groups["ago"].Success) ike.ActiveSeconds = FarEndText.Seconds(m.Groups["ago"].Value);
                ike.LocalAddress = m.Groups["local"].Value;
                ike.LocalId = m.Groups["lid"].Value;
                ike.Peer = m.Groups["remote"].Value;
                ike.RemoteId = m.Groups["rid"].Value;
                return;
            }
            if ((m = IkeSpis.Match(rest)).Success)
            {
                ike.IkeVersion = "IKEv" + m.Groups["v"].Value;
                bool initiator = m.Groups["istar"].Success;
                bool responder = m.Groups["rstar"].Success;
                ike.Role = initiator ? IkeRole.Initiator : responder ? IkeRole.Responder : null;
                ike.LocalSpi = (responder ? m.Groups["rspi"] : m.Groups["ispi"]).Value.ToLowerInvariant();
                ike.RemoteSpi = (responder ? m.Groups["ispi"] : m.Groups["rspi"]).Value.ToLowerInvariant();
                if (m.Groups["rest"].Success)
                {
                    var r = m.Groups["rest"].Value;
                    ike.RemainingSeconds = FarEndText.SecondsAfter(r, "rekeying in ") ?? FarEndText.SecondsAfter(r, "reauthentication in ");
                    StrongSwanListSasParser.AddOther(ike, "timers", r);
                }
                return;
            }
            if (rest.StartsWith("IKE proposal: ", StringComparison.Ordinal))
            {
                StrongSwanListSasParser.ReadProposal(ike, rest.Substring(14).Trim());
                return;
            }
            int colon = rest.IndexOf(':');
            if (colon > 0) StrongSwanListSasParser.AddOther(ike, rest.Substring(0, colon).Trim(), rest.Substring(colon + 1).Trim());
            else StrongSwanListSasParser.AddOther(ike, "status", rest);
        }

        private void StartChild(string name, string id, int n, ParseContext ctx)
        {
            FlushChild(ctx);
            var c = new FarEndChildSa("strongSwan", n) { Connection = _ikeName, Tunnel = name, TunnelId = "{" + id + "}" };
            if (_ike != null)
            {
                c.IkeVersion = _ike.IkeVersion;
                c.LocalEndpoint = _ike.LocalAddress;
                c.RemoteEndpoint = _ike.Peer;
            }
            _child = c;
        }

        private void ReadChildLine(string rest, int n, ParseContext ctx)
        {
            var c = _child!;
            c.LastLine = n;
            Match m;
            if ((m = ChildSpis.Match(rest)).Success)
            {
                c.State = m.Groups["state"].Value;
                c.Mode = StrongSwanListSasParser.Title(m.Groups["mode"].Value);
                if (m.Groups["proto"].Success) c.Protocol = m.Groups["proto"].Value.ToLowerInvariant();
                c.NatTraversal = m.Groups["udp"].Success;
                if (m.Groups["in"].Success) FarEndChildSa.SetSpi(c.In, m.Groups["in"].Value.AsSpan(), n);
                if (m.Groups["out"].Success) FarEndChildSa.SetSpi(c.Out, m.Groups["out"].Value.AsSpan(), n);
                return;
            }
            if ((m = Counters.Match(rest)).Success)
            {
                c.Transform = m.Groups["alg"].Value;
                c.In.Bytes = Long(m.Groups["bin"].Value);
                // stroke prints "(N pkts, Ns ago)" only for an SA that carried packets.
                c.In.Packets = m.Groups["pin"].Success ? Long(m.Groups["pin"].Value) : 0;
                if (m.Groups["ain"].Success) c.In.IdleSeconds = Long(m.Groups["ain"].Value);
                if (m.Groups["bout"].Success)
                {
                    c.Out.Bytes = Long(m.Groups["bout"].Value);
                    c.Out.Packets = m.Groups["pout"].Success ? Long(m.Groups["pout"].Value) : 0;
                    if (m.Groups["aout"].Success) c.Out.IdleSeconds = Long(m.Groups["aout"].Value);
                }
                if (m.Groups["rest"].Success)
                {
                    c.RekeySeconds = FarEndText.SecondsAfter(m.Groups["rest"].Value, "rekeying in ");
                    c.RemainingSeconds = FarEndText.SecondsAfter(m.Groups["rest"].Value, "expires in ");
                }
                return;
            }
            if ((m = Selectors.Match(rest)).Success)
            {
                c.LocalSelectors = m.Groups["local"].Value;
                c.RemoteSelectors = m.Groups["remote"].Value;
                return;
            }
        }

        private void FlushChild(ParseContext ctx)
        {
            if (_child == null) return;
            var c = _child;
            _child = null;
            // A routed connection or a CHILD_SA not yet installed prints no SPI: it is no SA, and its lines are read.
            if (!c.In.Seen && !c.Out.Seen) return;
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

        private static long? Long(string v) => long.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : (long?)null;
    }
}
