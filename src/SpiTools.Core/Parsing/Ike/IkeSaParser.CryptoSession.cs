using System;
using System.Collections.Generic;
using System.Text;
using static SpiTools.Parsing.IkeSaText;

namespace SpiTools.Parsing
{
    // IOS / IOS-XE show crypto session: a session's fields and its IKE SAs, held until the session ends.
    internal sealed partial class IkeSaParser
    {
        // show crypto session: the session's fields and its SAs, handed out when the session ends.
        private bool _inSession;
        private bool _inFlows;
        private string? _sInterface, _sProfile, _sStatus, _sPeer, _sFvrf, _sIvrf, _sSessionId;
        private int? _sPeerPort;
        private readonly StringBuilder _sOther = new StringBuilder();
        private readonly StringBuilder _sFlows = new StringBuilder();
        private int? _sActiveSas;
        private readonly List<IkeSa> _sSas = new List<IkeSa>();

        private bool TryCryptoSession(string s, in CaptureLine line, ParseContext ctx)
        {
            if (StartsWithWords(s, "Interface:"))
            {
                FlushSession(ctx);
                _inSession = true;
                _sInterface = After(s);
                return true;
            }
            if (!_inSession) return false;
            if (StartsWithWords(s, "Profile:")) { _sProfile = After(s); return true; }
            if (StartsWithWords(s, "Session status:")) { _sStatus = After(s); return true; }
            if (StartsWithWords(s, "Uptime:") || StartsWithWords(s, "Phase1_id:") || StartsWithWords(s, "Desc:"))
            {
                int c = s.IndexOf(':');
                Append(_sOther, s.Substring(0, c).Trim(), s.Substring(c + 1).Trim());
                return true;
            }
            if (StartsWithWords(s, "Peer:"))
            {
                // A second peer on the same interface (a DMVPN hub) starts a new session.
                if (_sPeer != null || _sSas.Count > 0) FlushSessionKeepInterface(ctx);
                var words = After(s).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length > 0) _sPeer = words[0];
                for (int i = 1; i + 1 < words.Length; i += 2)
                {
                    string key = words[i].TrimEnd(':');
                    if (key.Equals("port", StringComparison.OrdinalIgnoreCase)) _sPeerPort = Int(words[i + 1]);
                    else if (key.Equals("fvrf", StringComparison.OrdinalIgnoreCase)) _sFvrf = words[i + 1];
                    else if (key.Equals("ivrf", StringComparison.OrdinalIgnoreCase)) _sIvrf = words[i + 1];
                    else Append(_sOther, key, words[i + 1]);
                }
                return true;
            }
            if (StartsWithWords(s, "Session ID:")) { _sSessionId = After(s); return true; }
            if (s.StartsWith("IKEv1 SA:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("IKEv2 SA:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("IKE SA:", StringComparison.OrdinalIgnoreCase))
            {
                FinishRecord();
                // A session with an endless list of IKE SAs (hostile input) is handed out in parts: memory stays bounded.
                if (_sSas.Count >= 256) FlushSessionKeepInterface(ctx);
                var sa = new IkeSa { Line = line.Number, LastLine = line.Number, Platform = PlatformNames.Ios };
                sa.IkeVersion = s.StartsWith("IKEv2", StringComparison.OrdinalIgnoreCase) ? "IKEv2" : "IKEv1";
                // Older IOS prints "IKE SA:" for its (ISAKMP, IKEv1) SAs: the label is kept as printed.
                if (s.StartsWith("IKE SA:", StringComparison.OrdinalIgnoreCase)) sa.OtherFields = "IkeLabel=IKE";
                var words = After(s).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                for (int i = 0; i < words.Length; i++)
                {
                    if (words[i] == "local" && i + 1 < words.Length) { SplitPort(words[++i], out var a, out var p); sa.LocalAddress = a; sa.LocalPort = p; }
                    else if (words[i] == "remote" && i + 1 < words.Length) { SplitPort(words[++i], out var a, out var p); sa.Peer = a; sa.PeerPort = p; }
                    else sa.State = sa.State == null ? words[i] : sa.State + " " + words[i];
                }
                _sSas.Add(sa);
                _sa = sa;
                return true;
            }
            if (s.StartsWith("Capabilities:", StringComparison.OrdinalIgnoreCase) && _sa != null)
            {
                _sa.LastLine = line.Number;
                foreach (var word in s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    int c = word.IndexOf(':');
                    if (c <= 0) { Append(_other, "text", word); continue; }
                    string k = word.Substring(0, c), v = word.Substring(c + 1);
                    if (k.Equals("Capabilities", StringComparison.OrdinalIgnoreCase)) SetCapabilities(_sa, v);
                    else if (k.Equals("connid", StringComparison.OrdinalIgnoreCase)) _sa.ConnectionId = v;
                    else if (k.Equals("lifetime", StringComparison.OrdinalIgnoreCase)) _sa.RemainingSeconds = ClockSeconds(v);
                    else Append(_other, k, v);
                }
                return true;
            }
            if (_sa != null && s.StartsWith("remote ", StringComparison.Ordinal) && _sa.Peer == null)
            {
                // "IKEv2 SA: local 2001:DB8:ACAD:1::1/500" wrapped before "remote 2001:DB8:ACAD:1::2/500 Active".
                var words = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                SplitPort(words[1], out var a, out var p);
                _sa.Peer = a;
                _sa.PeerPort = p;
                if (words.Length > 2) _sa.State = string.Join(" ", words, 2, words.Length - 2);
                _sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("IPSEC FLOW:", StringComparison.OrdinalIgnoreCase))
            {
                FinishRecord();
                _inFlows = true;
                AppendFlow(After(s));
                return true;
            }
            if (s.StartsWith("Active SAs:", StringComparison.OrdinalIgnoreCase))
            {
                int comma = s.IndexOf(',');
                var n = Int((comma > 0 ? s.Substring(0, comma) : s).Substring("Active SAs:".Length).Trim());
                if (n != null) _sActiveSas = (_sActiveSas ?? 0) + n;
                AppendFlowDetail(s);
                return true;
            }
            if (s.StartsWith("Inbound:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Outbound:", StringComparison.OrdinalIgnoreCase)
                || (_inFlows && line.Indent > 0))
            {
                // A flow's counters, and whatever IPsec SA detail a device prints under its flows.
                AppendFlowDetail(s);
                return true;
            }
            if (_sa == null && line.Indent >= 0)
            {
                // Session fields before the IKE SAs: "Username: cisco", "FVRF: none", "System IP: 13.13.13.11  Interface: Tu1".
                var pairs = VpnSessionParser.SplitPairs(line.Text);
                if (pairs.Count == 0) return false;
                foreach (var (k, v) in pairs) Append(_sOther, k, v);
                return true;
            }
            return false;
        }

        private void AppendFlow(string flow)
        {
            if (_sFlows.Length > 8192) return;
            if (_sFlows.Length > 0) _sFlows.Append(';');
            _sFlows.Append(flow);
        }

        private void AppendFlowDetail(string text)
        {
            if (_sFlows.Length > 8192) return;
            _sFlows.Append(" | ").Append(TextScan.CollapseSpaces(text));
        }

        private void FlushSessionKeepInterface(ParseContext ctx)
        {
            string? iface = _sInterface, profile = _sProfile, status = _sStatus, peer = _sPeer, fvrf = _sFvrf, ivrf = _sIvrf;
            int? port = _sPeerPort;
            bool keepPeer = _sSas.Count >= 256;
            FlushSession(ctx);
            _inSession = true;
            if (keepPeer) { _sPeer = peer; _sPeerPort = port; _sFvrf = fvrf; _sIvrf = ivrf; }
            _sInterface = iface;
            _sProfile = profile;
            _sStatus = status;
        }

        private void FlushSession(ParseContext ctx)
        {
            FinishRecord();
            foreach (var sa in _sSas)
            {
                sa.Interface = _sInterface;
                sa.Profile = _sProfile;
                sa.SessionStatus = _sStatus;
                sa.Status ??= _sStatus;
                sa.SessionId = _sSessionId;
                sa.Fvrf = _sFvrf;
                sa.Ivrf = _sIvrf;
                if (sa.Peer == null) { sa.Peer = _sPeer; sa.PeerPort = _sPeerPort; }
                else if (_sPeer != null && _sPeer != sa.Peer) sa.OtherFields = Join(sa.OtherFields, "Peer=" + _sPeer);
                sa.ChildSaCount = _sActiveSas;
                sa.Flows = _sFlows.Length == 0 ? null : _sFlows.ToString();
                if (_sOther.Length > 0) sa.OtherFields = Join(sa.OtherFields, _sOther.ToString());
                ctx.Emit(sa);
            }
            _sSas.Clear();
            _sa = null;
            _inSession = false;
            _inFlows = false;
            _sInterface = _sProfile = _sStatus = _sPeer = _sFvrf = _sIvrf = _sSessionId = null;
            _sPeerPort = null;
            _sActiveSas = null;
            _sOther.Clear();
            _sFlows.Clear();
        }
    }
}
