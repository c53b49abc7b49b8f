using System;
using System.Collections.Generic;
using System.Text;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads every IKE SA dialect line by line. A table row or an <c>IKE Peer:</c> / <c>IKEv2 SA:</c> line opens a record; the
    /// indented lines after it fill it; the next record, a new session or the end of the section hands it out.
    /// <c>show crypto session</c> prints a session's IPsec flows after its IKE SAs, so a session's SAs (a handful) are held
    /// until the session ends.
    /// </summary>
    internal sealed class IkeSaParser : ISectionParser
    {
        private enum Table { None, AsaV1Old, IkeV2, IsakmpBrief, IsakmpDetail }

        private Table _table;
        private bool _v2HasRole;
        private bool _briefHasSlot;
        private IkeSa? _sa;
        private readonly StringBuilder _other = new StringBuilder();
        private bool _inRemoteSubnets;
        private readonly List<string> _childSpis = new List<string>();
        private int _childEntries;
        private bool _inChild;

        // ASA IKEv2 "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:2" before its rows.
        private string? _asaSessionId;
        private string? _asaSessionStatus;
        private int? _asaChildCount;

        // show crypto session: the session's fields and its SAs, handed out when the session ends.
        private bool _inSession;
        private bool _inFlows;
        private string? _sInterface, _sProfile, _sStatus, _sPeer, _sFvrf, _sIvrf, _sSessionId;
        private int? _sPeerPort;
        private readonly StringBuilder _sOther = new StringBuilder();
        private readonly StringBuilder _sFlows = new StringBuilder();
        private int? _sActiveSas;
        private readonly List<IkeSa> _sSas = new List<IkeSa>();

        public bool Accept(in CaptureLine line, ParseContext ctx)
        {
            var t = line.Text;
            string s = t.ToString();

            // ---- headings and structure ----
            if (s.Equals("IKEv1 SAs:", StringComparison.OrdinalIgnoreCase) || s.Equals("IKEv2 SAs:", StringComparison.OrdinalIgnoreCase)
                || s.StartsWith("There are no", StringComparison.OrdinalIgnoreCase))
            {
                FlushAll(ctx);
                _table = Table.None;
                return true;
            }
            if (s.StartsWith("IPv4 Crypto", StringComparison.OrdinalIgnoreCase) || s.StartsWith("IPv6 Crypto", StringComparison.OrdinalIgnoreCase))
            {
                Flush(ctx);
                // The IPv6 part reuses the IPv4 part's columns without a header of its own.
                if (s.IndexOf("ISAKMP", StringComparison.OrdinalIgnoreCase) >= 0 && _table != Table.IsakmpDetail) _table = Table.IsakmpBrief;
                return true;
            }
            if (s.StartsWith("Crypto session current status", StringComparison.OrdinalIgnoreCase)) { FlushAll(ctx); return true; }
            if (s.StartsWith("Code:", StringComparison.Ordinal) || IsLegendLine(s)) return true;
            if (StartsWithWords(s, "Active SA:") || StartsWithWords(s, "Rekey SA:") || StartsWithWords(s, "Total IKE SA:")) return true;
            if (s.StartsWith("Tunnel-id", StringComparison.OrdinalIgnoreCase))
            {
                Flush(ctx);
                _table = Table.IkeV2;
                _v2HasRole = s.IndexOf("Role", StringComparison.OrdinalIgnoreCase) >= 0;
                return true;
            }
            if (s.StartsWith("IKE Peer", StringComparison.OrdinalIgnoreCase) && s.IndexOf("Type", StringComparison.Ordinal) > 0 && s.IndexOf("State", StringComparison.Ordinal) > 0)
            {
                Flush(ctx);
                _table = Table.AsaV1Old;
                return true;
            }
            if (s.StartsWith("dst ", StringComparison.OrdinalIgnoreCase) && s.IndexOf("conn-id", StringComparison.OrdinalIgnoreCase) > 0)
            {
                Flush(ctx);
                _table = Table.IsakmpBrief;
                _briefHasSlot = s.IndexOf(" slot ", StringComparison.OrdinalIgnoreCase) > 0;
                return true;
            }
            if (s.StartsWith("C-id ", StringComparison.OrdinalIgnoreCase))
            {
                Flush(ctx);
                _table = Table.IsakmpDetail;
                return true;
            }
            if (s.StartsWith("Session-id:", StringComparison.OrdinalIgnoreCase) && s.IndexOf("IKE count", StringComparison.OrdinalIgnoreCase) > 0)
            {
                Flush(ctx);
                foreach (var (k, v) in CommaPairs(s))
                {
                    if (k.Equals("Session-id", StringComparison.OrdinalIgnoreCase)) _asaSessionId = v;
                    else if (k.Equals("Status", StringComparison.OrdinalIgnoreCase)) _asaSessionStatus = v;
                    else if (k.Equals("CHILD count", StringComparison.OrdinalIgnoreCase)) _asaChildCount = Int(v);
                }
                return true;
            }

            // ---- show crypto session ----
            if (TryCryptoSession(s, line, ctx)) return true;

            // ---- record starts ----
            var tokens = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length >= 3 && IsDigits(tokens[0]) && tokens[1].Equals("IKE", StringComparison.OrdinalIgnoreCase) && tokens[2].StartsWith("Peer:", StringComparison.OrdinalIgnoreCase))
            {
                // ASA 8.4+: "1   IKE Peer: 203.0.113.10"
                Open(ctx, line, PlatformNames.Asa, "IKEv1");
                _sa!.TunnelId = tokens[0];
                _sa.Peer = tokens.Length >= 4 ? tokens[3] : s.Substring(s.IndexOf(':') + 1).Trim();
                return true;
            }
            if (_table == Table.AsaV1Old && tokens.Length >= 6 && IsDigits(tokens[0]) && IsAddress(tokens[1]))
            {
                Open(ctx, line, PlatformNames.Asa, "IKEv1");
                var sa = _sa!;
                sa.TunnelId = tokens[0];
                sa.Peer = tokens[1];
                sa.Type = tokens[2];
                sa.Role = RoleOf(tokens[3]);
                sa.Rekey = tokens[4];
                sa.State = tokens[5];
                if (tokens.Length > 6) sa.Encryption = tokens[6];
                if (tokens.Length > 7) sa.Hash = tokens[7];
                if (tokens.Length > 8) sa.Auth = tokens[8];
                if (tokens.Length > 9) sa.LifetimeSeconds = Long(tokens[9]);
                for (int i = 10; i < tokens.Length; i++) Append(_other, "column" + (i + 1), tokens[i]);
                return true;
            }
            if (_table == Table.IkeV2 && tokens.Length >= 2 && IsDigits(tokens[0]))
            {
                bool asa = _v2HasRole;
                Open(ctx, line, asa ? PlatformNames.Asa : PlatformNames.Ios, "IKEv2");
                var sa = _sa!;
                sa.TunnelId = tokens[0];
                int i = 1;
                if (i < tokens.Length && IsAddressPort(tokens[i])) { SplitPort(tokens[i], out var a, out var p); sa.LocalAddress = a; sa.LocalPort = p; i++; }
                if (i < tokens.Length && IsAddressPort(tokens[i])) { SplitPort(tokens[i], out var a, out var p); sa.Peer = a; sa.PeerPort = p; i++; }
                if (!asa && i < tokens.Length && tokens[i].IndexOf('/') > 0)
                {
                    int slash = tokens[i].IndexOf('/');
                    sa.Fvrf = tokens[i].Substring(0, slash);
                    sa.Ivrf = tokens[i].Substring(slash + 1);
                    i++;
                }
                if (i < tokens.Length) sa.State = tokens[i++];
                if (asa && i < tokens.Length) sa.Role = RoleOf(tokens[i++]);
                for (; i < tokens.Length; i++) Append(_other, "column" + (i + 1), tokens[i]);
                if (asa)
                {
                    sa.SessionId = _asaSessionId;
                    sa.Status = _asaSessionStatus;
                    sa.ChildSaCount = _asaChildCount;
                }
                return true;
            }
            if (_table != Table.IsakmpDetail && _table != Table.IkeV2 && tokens.Length >= 5 && IsAddress(tokens[0]) && IsAddress(tokens[1]) && IsDigits(tokens[3]))
            {
                Open(ctx, line, PlatformNames.Ios, "IKEv1");
                var sa = _sa!;
                sa.DestinationAddress = tokens[0];
                sa.SourceAddress = tokens[1];
                sa.State = tokens[2];
                sa.ConnectionId = tokens[3];
                int st = 4;
                if (_briefHasSlot && tokens.Length > 5) { Append(_other, "slot", tokens[4]); st = 5; }
                sa.Status = tokens[st];
                if (tokens.Length > st + 1) sa.StatusDetail = string.Join(" ", tokens, st + 1, tokens.Length - st - 1).Trim('(', ')');
                return true;
            }
            if (tokens.Length >= 8 && IsDigits(tokens[0]) && IsAddress(tokens[1]) && IsAddress(tokens[2]))
            {
                int life = Array.FindIndex(tokens, 3, x => IsClock(x));
                if (life >= 8)
                {
                    Open(ctx, line, PlatformNames.Ios, "IKEv1");
                    var sa = _sa!;
                    sa.ConnectionId = tokens[0];
                    sa.LocalAddress = tokens[1];
                    sa.Peer = tokens[2];
                    if (life - 5 == 4) sa.Ivrf = tokens[3];
                    sa.Status = tokens[life - 5];
                    sa.Encryption = tokens[life - 4];
                    sa.Hash = tokens[life - 3];
                    sa.Auth = tokens[life - 2];
                    sa.DhGroup = tokens[life - 1];
                    sa.RemainingSeconds = ClockSeconds(tokens[life]);
                    if (life + 1 < tokens.Length) SetCapabilities(sa, string.Join("", tokens, life + 1, tokens.Length - life - 1));
                    return true;
                }
            }

            // ---- lines inside a record ----
            if (_sa == null) return false;
            return Detail(s, line);
        }

        public void Complete(ParseContext ctx) => FlushAll(ctx);

        // ------------------------------------------------------------------ crypto session

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

        // ------------------------------------------------------------------ detail lines

        private bool Detail(string s, in CaptureLine line)
        {
            var sa = _sa!;
            if (_inRemoteSubnets && IsSubnetLine(s))
            {
                sa.LastLine = line.Number;
                Append(_other, "Remote subnet", s);
                return true;
            }
            _inRemoteSubnets = false;

            if (s.StartsWith("Life/Active Time:", StringComparison.OrdinalIgnoreCase))
            {
                var v = After(s).Replace("sec", "").Trim();
                int slash = v.IndexOf('/');
                if (slash > 0)
                {
                    sa.LifetimeSeconds = Long(v.Substring(0, slash));
                    sa.ActiveSeconds = Long(v.Substring(slash + 1));
                    if (sa.LifetimeSeconds != null && sa.ActiveSeconds != null) sa.RemainingSeconds = sa.LifetimeSeconds - sa.ActiveSeconds;
                }
                else Append(_other, "Life/Active Time", v);
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("Child sa:", StringComparison.OrdinalIgnoreCase))
            {
                _childEntries++;
                _inChild = true;
                Append(_other, "Child sa", After(s));
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("local selector", StringComparison.OrdinalIgnoreCase) || s.StartsWith("remote selector", StringComparison.OrdinalIgnoreCase))
            {
                int sp = s.IndexOf("selector", StringComparison.OrdinalIgnoreCase) + "selector".Length;
                Append(_other, s.Substring(0, sp), s.Substring(sp).Trim());
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("ESP spi in/out:", StringComparison.OrdinalIgnoreCase))
            {
                _childSpis.Add(After(s));
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("DPD ", StringComparison.OrdinalIgnoreCase))
            {
                var v = s.Substring(4).Trim();
                if (v.StartsWith("configured for", StringComparison.OrdinalIgnoreCase))
                {
                    sa.Dpd = v.Substring("configured for".Length).Trim();
                    var secs = Long(sa.Dpd.Split(' ')[0]);
                    sa.DpdEnabled = secs == null || secs > 0;
                }
                else
                {
                    sa.Dpd = v;
                    sa.DpdEnabled = v.IndexOf("not", StringComparison.OrdinalIgnoreCase) < 0;
                }
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("NAT-T is ", StringComparison.OrdinalIgnoreCase))
            {
                sa.NatT = s.Substring("NAT-T is ".Length).Trim();
                sa.NatTDetected = !sa.NatT.StartsWith("not", StringComparison.OrdinalIgnoreCase);
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("Remote subnets:", StringComparison.OrdinalIgnoreCase))
            {
                _inRemoteSubnets = true;
                sa.LastLine = line.Number;
                return true;
            }
            if (s.StartsWith("Fragmentation ", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Extended Authentication ", StringComparison.OrdinalIgnoreCase)
                || s.StartsWith("Cisco Trust Security ", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Quantum", StringComparison.OrdinalIgnoreCase))
            {
                // "Fragmentation not  configured.", "Cisco Trust Security SGT is disabled": a phrase, kept whole.
                Append(_other, "text", s.TrimEnd('.'));
                sa.LastLine = line.Number;
                return true;
            }
            if ((s.StartsWith("Local ", StringComparison.Ordinal) || s.StartsWith("Remote ", StringComparison.Ordinal)) && s.IndexOf(':') < 0 || IsAddressLine(s))
            {
                // IPv6 IKEv2 rows print "Local  2001:DB8::1/500" and "Remote  2001:DB8::2/500" on lines of their own.
                var words = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 2 && IsAddressPort(words[1]))
                {
                    SplitPort(words[1], out var a, out var p);
                    if (words[0] == "Local") { sa.LocalAddress = a; sa.LocalPort = p; }
                    else { sa.Peer = a; sa.PeerPort = p; }
                    sa.LastLine = line.Number;
                    return true;
                }
            }
            if (s.StartsWith("Engine-id:Conn-id", StringComparison.OrdinalIgnoreCase))
            {
                int eq = s.IndexOf('=');
                Append(_other, "Engine-id:Conn-id", eq > 0 ? s.Substring(eq + 1).Trim() : After(s));
                sa.LastLine = line.Number;
                return true;
            }

            // "Encr: AES-CBC, keysize: 128, PRF: SHA1, ..." (comma pairs) or "Type    : L2L             Role    : initiator" (column pairs).
            List<(string Key, string Value)> pairs;
            if (s.IndexOf(", ", StringComparison.Ordinal) > 0 && s.IndexOf(':') > 0 && LooksLikeCommaPairs(s)) pairs = CommaPairs(s);
            else pairs = ColumnPairs(s);
            if (pairs.Count == 1 && s.StartsWith("Local ", StringComparison.Ordinal) && s.IndexOf(" Remote ", StringComparison.Ordinal) > 0)
            {
                // The two columns of "Local spi: …  Remote spi: …" with the spacing lost (one space between them).
                int r = s.IndexOf(" Remote ", StringComparison.Ordinal);
                pairs = ColumnPairs(s.Substring(0, r));
                pairs.AddRange(ColumnPairs(s.Substring(r + 1)));
            }
            if (pairs.Count == 0) return false;
            foreach (var (key, value) in pairs) Set(sa, key, value);
            sa.LastLine = line.Number;
            return true;
        }

        private void Set(IkeSa sa, string key, string value)
        {
            // After "Child sa:" the algorithms and SPIs are the child SA's (ASA detail "Encr: AES-CBC, keysize: 256, esp_hmac: SHA256").
            if (_inChild)
            {
                Append(_other, "Child " + key.Trim(), value);
                return;
            }
            switch (key.Trim().ToLowerInvariant())
            {
                case "type": sa.Type = value; break;
                case "role": sa.Role = RoleOf(value); break;
                case "rekey": sa.Rekey = value; break;
                case "state": sa.State = value; break;
                case "encrypt":
                case "encr": sa.Encryption = value; break;
                case "keysize": sa.KeySize = Int(value); break;
                case "hash": sa.Hash = value; break;
                case "prf": sa.Prf = value; break;
                case "dh grp":
                case "dh group": sa.DhGroup = value; break;
                case "auth": sa.Auth = value; break;
                case "auth sign": sa.AuthSign = value; break;
                case "auth verify": sa.AuthVerify = value; break;
                case "lifetime": sa.LifetimeSeconds = Long(value); break;
                case "lifetime remaining": sa.RemainingSeconds = Long(value); break;
                case "session-id": sa.SessionId = value; break;
                case "status description": sa.StatusDetail = value; break;
                case "local spi": sa.LocalSpi = value; break;
                case "remote spi": sa.RemoteSpi = value; break;
                case "local id": sa.LocalId = value; break;
                case "remote id": sa.RemoteId = value; break;
                case "initiator of sa":
                    if (value.Equals("Yes", StringComparison.OrdinalIgnoreCase)) sa.Role = IkeRole.Initiator;
                    else if (value.Equals("No", StringComparison.OrdinalIgnoreCase)) sa.Role = IkeRole.Responder;
                    else Append(_other, key, value);
                    break;
                default: Append(_other, key.Trim(), value); break;
            }
        }

        // ------------------------------------------------------------------ records

        private void Open(ParseContext ctx, in CaptureLine line, string platform, string version)
        {
            if (_inSession) FlushSession(ctx);
            Flush(ctx);
            _sa = new IkeSa { Line = line.Number, LastLine = line.Number, Platform = platform, IkeVersion = version };
        }

        /// <summary>Moves the gathered fields into the open record (kept open for a session's flows).</summary>
        private void FinishRecord()
        {
            var sa = _sa;
            if (sa == null) return;
            if (_other.Length > 0) sa.OtherFields = Join(sa.OtherFields, _other.ToString());
            if (_childSpis.Count > 0) sa.ChildSpis = string.Join(";", _childSpis);
            if (_childEntries > 0 && sa.ChildSaCount == null) sa.ChildSaCount = _childEntries;
            _other.Clear();
            _childSpis.Clear();
            _childEntries = 0;
            _inChild = false;
            _inRemoteSubnets = false;
        }

        private void Flush(ParseContext ctx)
        {
            if (_inSession) return; // a session's records go out with the session
            FinishRecord();
            if (_sa != null) ctx.Emit(_sa);
            _sa = null;
        }

        private void FlushAll(ParseContext ctx)
        {
            if (_inSession) FlushSession(ctx);
            Flush(ctx);
            _asaSessionId = _asaSessionStatus = null;
            _asaChildCount = null;
        }

        // ------------------------------------------------------------------ helpers

        private static void SetCapabilities(IkeSa sa, string caps)
        {
            sa.Capabilities = caps;
            // Letters from the legend: D - Dead Peer Detection, N - NAT-traversal.
            if (caps.IndexOf('D') >= 0) { sa.Dpd = "D"; sa.DpdEnabled = true; }
            if (caps.IndexOf('N') >= 0) { sa.NatT = "N"; sa.NatTDetected = true; }
        }

        private static bool IsLegendLine(string s) =>
            s.Length > 4 && char.IsUpper(s[0]) && s[1] == ' ' && s[2] == '-' && s[3] == ' ';

        private static bool StartsWithWords(string s, string prefix) => s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

        private static string After(string s)
        {
            int c = s.IndexOf(':');
            return c < 0 ? s : s.Substring(c + 1).Trim();
        }

        private static string RoleOf(string v)
        {
            if (v.StartsWith("init", StringComparison.OrdinalIgnoreCase)) return IkeRole.Initiator;
            if (v.StartsWith("resp", StringComparison.OrdinalIgnoreCase)) return IkeRole.Responder;
            return v;
        }

        private static bool IsDigits(string s)
        {
            if (s.Length == 0) return false;
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return true;
        }

        /// <summary>An IPv4 or IPv6 address (digits, hex, dots, colons), possibly redacted (<c>X.X.X.X</c>).</summary>
        private static bool IsAddress(string s)
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

        private static bool IsAddressPort(string s)
        {
            int slash = s.LastIndexOf('/');
            return slash > 0 && IsAddress(s.Substring(0, slash)) && IsDigits(s.Substring(slash + 1));
        }

        private static bool IsAddressLine(string s)
        {
            var words = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            return words.Length == 2 && (words[0] == "Local" || words[0] == "Remote") && IsAddressPort(words[1]);
        }

        private static bool IsSubnetLine(string s)
        {
            var words = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 1) return IsAddress(words[0].Split('/')[0]);
            return words.Length == 2 && IsAddress(words[0]) && IsAddress(words[1]);
        }

        private static void SplitPort(string s, out string address, out int? port)
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

        private static bool IsClock(string s)
        {
            var parts = s.Split(':');
            if (parts.Length != 3) return false;
            foreach (var p in parts) if (!IsDigits(p)) return false;
            return true;
        }

        /// <summary>"05:50:03" as seconds.</summary>
        private static long? ClockSeconds(string s)
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

        private static int? Int(string s) => SpanNumber.TryParseInt32(s.AsSpan(), out int v) ? v : (int?)null;

        private static long? Long(string s) => SpanNumber.TryParseInt64(s.AsSpan(), out long v) ? v : (long?)null;

        /// <summary>At least two comma-separated parts are <c>key: value</c> (a part without a colon, such as a trailing <c>QR</c>, is kept as text).</summary>
        private static bool LooksLikeCommaPairs(string s)
        {
            int pairs = 0;
            foreach (var part in s.Split(','))
                if (part.IndexOf(':') > 0) pairs++;
            return pairs >= 2;
        }

        /// <summary>"Encr: AES-CBC, keysize: 128, DH Grp:16" as pairs.</summary>
        private static List<(string Key, string Value)> CommaPairs(string s)
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
        private static List<(string Key, string Value)> ColumnPairs(string s)
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
        private static List<string> SplitColumns(string s)
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

        private static void Append(StringBuilder sb, string key, string value)
        {
            if (sb.Length > 8192) return;
            if (sb.Length > 0) sb.Append(';');
            sb.Append(key).Append('=').Append(value);
        }

        private static string Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : a + ";" + b;
    }
}
