using System;
using System.Collections.Generic;

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
        private readonly StrongSwanOpenIkeSa _open = new StrongSwanOpenIkeSa();
        private FarEndChildSa? _child;

        /// <summary>The parts of <c>name: #1, A, B, …</c>: the name, the number and the comma-separated rest; false for another line.</summary>
        private static bool TryHeader(string text, out string name, out string id, out string[] parts)
        {
            name = id = "";
            parts = Array.Empty<string>();
            int at = text.IndexOf(": #", StringComparison.Ordinal);
            if (at <= 0 || text[0] == ' ') return false;
            name = text.Substring(0, at);
            parts = text.Substring(at + 3).Split(new[] { ", " }, StringSplitOptions.None);
            id = parts[0].Trim();
            return parts.Length >= 3 && FarEndText.IsDigits(id);
        }

        /// <summary><c>name: #1, ESTABLISHED, IKEv2, …_i* …_r</c>.</summary>
        private static bool IsIke(string[] parts) =>
            FarEndText.IsUpperWord(parts[1].Trim()) && parts[2].Trim().Length == 5 && parts[2].Trim().StartsWith("IKEv", StringComparison.Ordinal) &&
            (parts.Length == 3 || parts.Length == 4 && IkeSpis(parts[3], out _, out _, out _, out _));

        /// <summary><c>43cc5f77aa48bbc1_i* 9748fb98f4d0ba94_r</c>: the two IKE SPIs and which one is this end's (the star).</summary>
        internal static bool IkeSpis(string text, out string ispi, out bool istar, out string rspi, out bool rstar)
        {
            ispi = rspi = "";
            istar = rstar = false;
            var w = FarEndText.Words(text);
            if (w.Length < 2) return false;
            return IkeSpi(w[0], "_i", out ispi, out istar) && IkeSpi(w[1].TrimEnd(','), "_r", out rspi, out rstar);
        }

        private static bool IkeSpi(string word, string suffix, out string spi, out bool star)
        {
            star = word.EndsWith("*", StringComparison.Ordinal);
            if (star) word = word.Substring(0, word.Length - 1);
            spi = word.EndsWith(suffix, StringComparison.Ordinal) ? word.Substring(0, word.Length - 2) : "";
            return spi.Length == 16 && FarEndText.IsHex(spi);
        }

        internal static bool IsIkeHeader(ReadOnlySpan<char> text) =>
            text.IndexOf(": #".AsSpan(), StringComparison.Ordinal) > 0 && text.IndexOf(", IKEv".AsSpan(), StringComparison.Ordinal) > 0 &&
            TryHeader(text.ToString(), out _, out _, out var parts) && IsIke(parts);

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var text = line.Text.ToString();
            if (TryHeader(text, out var name, out var id, out var parts))
            {
                if (IsIke(parts)) { StartIke(name, id, parts, line, context); return true; }
                if (parts.Length >= 4 && parts[1].StartsWith("reqid ", StringComparison.Ordinal)) { StartChild(name, id, parts, line, context); return true; }
            }
            bool local = text.StartsWith("local ", StringComparison.Ordinal), remote = text.StartsWith("remote ", StringComparison.Ordinal);
            int atSign = text.IndexOf("' @ ", StringComparison.Ordinal);
            var ike = _open.Ike;
            if ((local || remote) && atSign > 0 && ike != null && _child == null)
            {
                int quote = text.IndexOf('\'');
                var idText = quote >= 0 && quote < atSign ? text.Substring(quote + 1, atSign - quote - 1) : "";
                var after = text.Substring(atSign + 4);
                int close = after.IndexOf(']');
                var (addr, port) = FarEndText.Endpoint(close > 0 ? after.Substring(0, close + 1) : FarEndText.Words(after)[0]);
                if (local) { ike.LocalAddress = addr; ike.LocalPort = port; ike.LocalId = idText; }
                else { ike.Peer = addr; ike.PeerPort = port; ike.RemoteId = idText; }
                var rest = close > 0 ? after.Substring(close + 1).Trim() : "";
                if (rest.Length > 0) AddOther(ike, (local ? "local" : "remote") + "-extra", rest);
                return Touch(ike, line);
            }
            if (_child != null)
            {
                bool inbound = text.StartsWith("in ", StringComparison.Ordinal);
                if ((inbound || text.StartsWith("out ", StringComparison.Ordinal)) && text.IndexOf(" bytes", StringComparison.Ordinal) > 0)
                {
                    var half = inbound ? _child.In : _child.Out;
                    var spi = FarEndText.Words(text)[1];
                    int cut = spi.IndexOfAny(new[] { ',', '(', '/' });
                    if (cut > 0) spi = spi.Substring(0, cut);
                    if (!FarEndChildSa.SetSpi(half, spi.AsSpan(), line.Number)) return false;
                    half.Bytes = FarEndText.NumberBefore(text, " bytes");
                    half.Packets = FarEndText.NumberBefore(text, " packets");
                    half.IdleSeconds = FarEndText.NumberBefore(text, "s ago");
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
                if (local) { _child.LocalSelectors = text.Substring(6).Trim(); _child.LastLine = line.Number; return true; }
                if (remote) { _child.RemoteSelectors = text.Substring(7).Trim(); _child.LastLine = line.Number; return true; }
            }
            if (ike != null && _child == null)
            {
                if (text.StartsWith("established ", StringComparison.Ordinal))
                {
                    ike.ActiveSeconds = FarEndText.SecondsAfter(text, "established ");
                    var rekey = FarEndText.SecondsAfter(text, "rekeying in ");
                    var reauth = FarEndText.SecondsAfter(text, "reauth in ");
                    ike.RemainingSeconds = rekey ?? reauth;
                    if (rekey != null) AddOther(ike, "rekey-in", rekey + "s");
                    if (reauth != null) AddOther(ike, "reauth-in", reauth + "s");
                    return Touch(ike, line);
                }
                if (IsProposal(text))
                {
                    ReadProposal(ike, text);
                    return Touch(ike, line);
                }
                if (text.StartsWith("active:", StringComparison.Ordinal) || text.StartsWith("queued:", StringComparison.Ordinal) || text.StartsWith("passive:", StringComparison.Ordinal))
                {
                    AddOther(ike, "tasks-" + text.Substring(0, text.IndexOf(':')), text.Substring(text.IndexOf(':') + 1).Trim());
                    return Touch(ike, line);
                }
            }
            return false;
        }

        /// <summary><c>AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/CURVE_25519</c>: upper-case algorithm names joined by <c>/</c>.</summary>
        private static bool IsProposal(string text)
        {
            if (text.IndexOf('/') <= 0) return false;
            foreach (char c in text)
                if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '/')) return false;
            return true;
        }

        public void Complete(ParseContext context)
        {
            FlushChild(context);
            _open.Flush(context);
        }

        private void StartIke(string name, string id, string[] parts, in CaptureLine line, ParseContext ctx)
        {
            FlushChild(ctx);
            _open.Flush(ctx);
            var ike = new IkeSa
            {
                Platform = "strongSwan",
                Line = line.Number,
                LastLine = line.Number,
                IkeVersion = parts[2].Trim(),
                State = parts[1].Trim(),
                TunnelId = id,
            };
            _open.Start(ike, name);
            AddOther(ike, "name", name);
            if (parts.Length == 4 && IkeSpis(parts[3], out var ispi, out bool initiator, out var rspi, out bool responder))
            {
                ike.Role = initiator ? IkeRole.Initiator : responder ? IkeRole.Responder : null;
                ike.LocalSpi = (responder ? rspi : ispi).ToLowerInvariant();
                ike.RemoteSpi = (responder ? ispi : rspi).ToLowerInvariant();
            }
        }

        private void StartChild(string name, string id, string[] parts, in CaptureLine line, ParseContext ctx)
        {
            FlushChild(ctx);
            // "net: #1, reqid 1, INSTALLED, TUNNEL[-in-UDP], ESP:AES_GCM_16-128"
            var mode = parts.Length > 3 ? parts[3].Trim() : "";
            bool udp = mode.EndsWith("-in-UDP", StringComparison.Ordinal);
            if (udp) mode = mode.Substring(0, mode.Length - 7);
            var proto = parts.Length > 4 ? parts[4].Trim() : "ESP";
            int colon = proto.IndexOf(':');
            var c = new FarEndChildSa("strongSwan", line.Number)
            {
                Connection = _open.Name,
                Tunnel = name,
                TunnelId = "#" + id,
                State = parts[2].Trim(),
                Mode = Title(mode),
                NatTraversal = udp,
                Protocol = (colon > 0 ? proto.Substring(0, colon) : proto).ToLowerInvariant(),
                Transform = colon > 0 ? proto.Substring(colon + 1) : null,
            };
            var ike = _open.Ike;
            if (ike != null)
            {
                c.IkeVersion = ike.IkeVersion;
                c.LocalEndpoint = ike.LocalAddress;
                c.LocalPort = ike.LocalPort;
                c.RemoteEndpoint = ike.Peer;
                c.RemotePort = ike.PeerPort;
                ike.LastLine = line.Number;
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
            _open.AddChild(c);
            c.Emit(ctx);
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
