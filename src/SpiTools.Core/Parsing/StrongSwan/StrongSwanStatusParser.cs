using System;
using System.Collections.Generic;
using System.Linq;

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
        /// <summary><c>name[12]: rest</c> / <c>name{12}: rest</c>; a name may hold a colon (<c>LEVIKOM:</c>).</summary>
        internal static bool TryPrefixed(string text, out string name, out bool child, out string id, out string rest)
        {
            name = id = rest = "";
            child = false;
            if (text.Length == 0 || text[0] == ' ') return false;
            for (int i = 1; i < text.Length; i++)
            {
                char open = text[i];
                if (open != '[' && open != '{') continue;
                int j = i + 1;
                while (j < text.Length && text[j] >= '0' && text[j] <= '9') j++;
                char close = open == '[' ? ']' : '}';
                if (j == i + 1 || j + 1 >= text.Length || text[j] != close || text[j + 1] != ':') continue;
                name = text.Substring(0, i);
                child = open == '{';
                id = text.Substring(i + 1, j - i - 1);
                rest = text.Substring(j + 2).Trim();
                return true;
            }
            return false;
        }

        private enum Part { None, Header, Connections, Routed, Sas }

        // Until the output shows itself (the daemon's header, a section title, an SA line) nothing else is taken:
        // libreswan answers the same "ipsec status" with another output, which its own format then reads.
        private Part _part = Part.None;
        private readonly StrongSwanOpenIkeSa _open = new StrongSwanOpenIkeSa();
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
            _open.Flush(context);
        }

        private static bool EndsWithSpace(ReadOnlySpan<char> raw) => raw.Length > 0 && (raw[raw.Length - 1] == ' ' || raw[raw.Length - 1] == '\t');

        /// <summary>A line that opens nothing this output prints: the rest of the held line.</summary>
        private bool Continues(string text) => _heldPart == Part.Sas && !TryPrefixed(text, out _, out _, out _, out _) && !text.StartsWith("Security Associations", StringComparison.Ordinal) && text != "none";

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
                    if (text[0] == '"' || !TryPrefixed(text, out _, out _, out _, out _)) return false;
                    _part = Part.Sas;
                    return true;
                case Part.Header:
                    return true; // uptime, malloc, worker threads, loaded plugins, addresses, pools: the daemon's state
                case Part.Connections:
                    return text.IndexOf(':') > 0;
                case Part.Routed:
                    return TryPrefixed(text, out _, out _, out _, out _);
                default:
                    return TryPrefixed(text, out _, out _, out _, out _) || text == "none";
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
            if (!TryPrefixed(text, out var name, out bool isChild, out var id, out var rest)) return;
            if (!isChild)
            {
                if (_open.Ike == null || _open.Name != name || _open.Ike.TunnelId != id) StartIke(name, id, n, ctx);
                ReadIkeLine(rest, n);
                return;
            }
            if (_child == null || _child.Tunnel != name || _child.TunnelId != "{" + id + "}") StartChild(name, id, n, ctx);
            ReadChildLine(rest, n);
        }

        private void StartIke(string name, string id, int n, ParseContext ctx)
        {
            FlushChild(ctx);
            _open.Flush(ctx);
            var ike = new IkeSa { Platform = "strongSwan", Line = n, LastLine = n, TunnelId = id };
            _open.Start(ike, name);
            StrongSwanListSasParser.AddOther(ike, "name", name);
        }

        private void ReadIkeLine(string rest, int n)
        {
            var ike = _open.Ike!;
            ike.LastLine = n;
            // "ESTABLISHED 62 seconds ago, 90.0.0.2[90.0.0.2]...100.0.0.2[100.0.0.2]"
            int comma = rest.IndexOf(", ", StringComparison.Ordinal);
            int dots = rest.IndexOf("...", StringComparison.Ordinal);
            var head = comma > 0 ? rest.Substring(0, comma) : "";
            var state = FarEndText.Words(head).FirstOrDefault() ?? "";
            if (comma > 0 && dots > comma && FarEndText.IsUpperWord(state))
            {
                ike.State = state;
                int ago = head.IndexOf(" ago", StringComparison.Ordinal);
                if (ago > 0) ike.ActiveSeconds = FarEndText.Seconds(head.Substring(state.Length, ago - state.Length));
                var ends = rest.Substring(comma + 2);
                int d = ends.IndexOf("...", StringComparison.Ordinal);
                (ike.LocalAddress, ike.LocalId) = AddressAndId(ends.Substring(0, d));
                (ike.Peer, ike.RemoteId) = AddressAndId(ends.Substring(d + 3));
                return;
            }
            // "IKEv2 SPIs: 6c69be09930627c6_i* 0df6e74078fdbce0_r, EAP reauthentication in 2 hours"
            if (rest.Length > 11 && rest.StartsWith("IKEv", StringComparison.Ordinal) && rest.Substring(5).StartsWith(" SPIs: ", StringComparison.Ordinal) &&
                StrongSwanListSasParser.IkeSpis(rest.Substring(12), out var ispi, out bool initiator, out var rspi, out bool responder))
            {
                ike.IkeVersion = rest.Substring(0, 5);
                ike.Role = initiator ? IkeRole.Initiator : responder ? IkeRole.Responder : null;
                ike.LocalSpi = (responder ? rspi : ispi).ToLowerInvariant();
                ike.RemoteSpi = (responder ? ispi : rspi).ToLowerInvariant();
                int c = rest.IndexOf(", ", StringComparison.Ordinal);
                if (c > 0)
                {
                    var r = rest.Substring(c + 2);
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

        /// <summary><c>90.0.0.2[id]</c>: the address and the identity.</summary>
        private static (string? Address, string? Id) AddressAndId(string text)
        {
            int b = text.IndexOf('[');
            if (b < 0) return (text.Trim(), null);
            int e = text.LastIndexOf(']');
            return (text.Substring(0, b).Trim(), e > b ? text.Substring(b + 1, e - b - 1) : text.Substring(b + 1));
        }

        private void StartChild(string name, string id, int n, ParseContext ctx)
        {
            FlushChild(ctx);
            var c = new FarEndChildSa("strongSwan", n) { Connection = _open.Name, Tunnel = name, TunnelId = "{" + id + "}" };
            var ike = _open.Ike;
            if (ike != null)
            {
                c.IkeVersion = ike.IkeVersion;
                c.LocalEndpoint = ike.LocalAddress;
                c.RemoteEndpoint = ike.Peer;
            }
            _child = c;
        }

        private void ReadChildLine(string rest, int n)
        {
            var c = _child!;
            c.LastLine = n;
            // "INSTALLED, TUNNEL, reqid 1, ESP SPIs: ccb4e51d_i c186cf93_o" (or "ESP in UDP SPIs", "AH SPIs")
            int spis = rest.IndexOf(" SPIs: ", StringComparison.Ordinal);
            var parts = rest.Split(new[] { ", " }, StringSplitOptions.None);
            if (parts.Length >= 2 && FarEndText.IsUpperWord(parts[0]) && FarEndText.IsUpperWord(parts[1]))
            {
                c.State = parts[0];
                c.Mode = StrongSwanListSasParser.Title(parts[1]);
                if (spis > 0)
                {
                    int start = rest.LastIndexOf(", ", spis, StringComparison.Ordinal);
                    var proto = rest.Substring(start + 2, spis - start - 2);
                    c.NatTraversal = proto.EndsWith(" in UDP", StringComparison.Ordinal);
                    c.Protocol = FarEndText.Words(proto)[0].ToLowerInvariant();
                    foreach (var w in FarEndText.Words(rest.Substring(spis + 7)))
                    {
                        var word = w.TrimEnd(',');
                        if (word.EndsWith("_i", StringComparison.Ordinal)) FarEndChildSa.SetSpi(c.In, word.Substring(0, word.Length - 2).AsSpan(), n);
                        else if (word.EndsWith("_o", StringComparison.Ordinal)) FarEndChildSa.SetSpi(c.Out, word.Substring(0, word.Length - 2).AsSpan(), n);
                        if (w.EndsWith(",", StringComparison.Ordinal)) break;
                    }
                }
                return;
            }
            // "AES_CBC_256/HMAC_SHA1_96, 252 bytes_i (3 pkts, 358s ago), 280 bytes_o (3 pkts, 355s ago), rekeying in 41 minutes"
            int bi = rest.IndexOf(" bytes_i", StringComparison.Ordinal);
            if (bi > 0)
            {
                int first = rest.IndexOf(", ", StringComparison.Ordinal);
                if (first > 0 && first < bi) c.Transform = rest.Substring(0, first);
                int bo = rest.IndexOf(" bytes_o", StringComparison.Ordinal);
                var inPart = bo > 0 ? rest.Substring(0, bo) : rest;
                ReadCounters(c.In, inPart, " bytes_i");
                if (bo > 0)
                {
                    var outPart = rest.Substring(rest.LastIndexOf(", ", bo, StringComparison.Ordinal) + 2);
                    ReadCounters(c.Out, outPart, " bytes_o");
                }
                c.RekeySeconds = FarEndText.SecondsAfter(rest, "rekeying in ");
                c.RemainingSeconds = FarEndText.SecondsAfter(rest, "expires in ");
                return;
            }
            // "192.168.0.0/24 === 192.168.1.0/24"
            int eq = rest.IndexOf(" === ", StringComparison.Ordinal);
            if (eq > 0)
            {
                c.LocalSelectors = rest.Substring(0, eq).Trim();
                c.RemoteSelectors = rest.Substring(eq + 5).Trim();
            }
        }

        /// <summary><c>252 bytes_i (3 pkts, 358s ago)</c>; stroke prints the brackets only for an SA that carried packets.</summary>
        private static void ReadCounters(FarEndChildSa.Half half, string text, string word)
        {
            half.Bytes = FarEndText.NumberBefore(text, word);
            int open = text.IndexOf(word + " (", StringComparison.Ordinal);
            if (open < 0)
            {
                half.Packets = 0;
                return;
            }
            var inner = text.Substring(open + word.Length + 2);
            half.Packets = FarEndText.NumberBefore(inner, " pkt");
            half.IdleSeconds = FarEndText.NumberBefore(inner, "s ago");
        }

        private void FlushChild(ParseContext ctx)
        {
            if (_child == null) return;
            var c = _child;
            _child = null;
            // A routed connection or a CHILD_SA not yet installed prints no SPI: it is no SA, and its lines are read.
            if (!c.In.Seen && !c.Out.Seen) return;
            _open.AddChild(c);
            c.Emit(ctx);
        }

    }
}
