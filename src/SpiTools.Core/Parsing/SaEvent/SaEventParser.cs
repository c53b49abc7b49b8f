using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads log lines. A log line (time, syslog code or debug facility) starts a message; lines that continue a multi-line
    /// debug message (IKEv2 packet dumps, <c>IPSEC(create_sa)</c> details) are added to it. A message is read when the next
    /// one starts: most carry no SA event and are simply part of the log. IKEv1 debugs name the IKE SA by its connection id
    /// (<c>ISAKMP: (79859):</c>) and the peer only on packet lines, so events wait (a bounded number) until their SA's
    /// peer is known.
    /// </summary>
    internal sealed class SaEventParser : ISectionParser
    {
        private const int MaxPending = 256;
        private const int MaxMessage = 4096;

        private readonly int _year;
        private bool _sawLog;

        // The message being read.
        private LogLinePrefix _prefix;
        private readonly StringBuilder _message = new StringBuilder();
        private int _line, _lastLine;
        private bool _open;

        // IKE SA state from the debugs, by connection id.
        private readonly Dictionary<string, Conn> _conns = new Dictionary<string, Conn>(StringComparer.Ordinal);
        private readonly Queue<SaEvent> _pending = new Queue<SaEvent>();

        private sealed class Conn
        {
            public string? Peer;
            public long? LastMessageId;
            public long? CurrentNode;
            public readonly Dictionary<long, string> Roles = new Dictionary<long, string>();
        }

        public SaEventParser(int year) => _year = year;

        public bool Accept(in CaptureLine line, ParseContext ctx)
        {
            string s = line.Text.ToString();
            if (LogLinePrefix.TryParse(s, _year, out var p))
            {
                Finish(ctx);
                _sawLog = true;
                _prefix = p;
                _message.Clear();
                _message.Append(s, p.MessageStart, s.Length - p.MessageStart);
                _line = _lastLine = line.Number;
                _open = true;
                return true;
            }
            if (_open && IsContinuation(s, line.Indent))
            {
                if (_message.Length < MaxMessage) _message.Append(' ').Append(s);
                _lastLine = line.Number;
                return true;
            }
            // "Crypto ISAKMP debugging is on", and the header of "show logging" before its first message.
            if (s.EndsWith("debugging is on", StringComparison.OrdinalIgnoreCase) || s.EndsWith("debugging is off", StringComparison.OrdinalIgnoreCase)) return true;
            if (!_sawLog && IsLoggingHeader(s)) return true;
            return false;
        }

        public void Complete(ParseContext ctx)
        {
            Finish(ctx);
            while (_pending.Count > 0) ctx.Emit(_pending.Dequeue());
        }

        private static bool IsLoggingHeader(string s) =>
            s.StartsWith("Syslog logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Log Buffer", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Logging ", StringComparison.OrdinalIgnoreCase) || s.IndexOf(" logging:", StringComparison.OrdinalIgnoreCase) > 0
            || s.StartsWith("No Active Message Discriminator", StringComparison.OrdinalIgnoreCase) || s.StartsWith("No Inactive Message Discriminator", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Trap logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Persistent logging", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Timestamp logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Hide Errors", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Standby logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Deny Conn", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Debug-trace logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("History logging", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Device ID", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Mail logging", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("ASDM logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Message Rate Limit", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Console logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Monitor logging", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Buffer logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("Exception Logging", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("Count and timestamp logging", StringComparison.OrdinalIgnoreCase) || s.StartsWith("File logging", StringComparison.OrdinalIgnoreCase);

        /// <summary>The rest of a multi-line debug message: indented, or one of the heads IOS prints on its own lines.</summary>
        private bool IsContinuation(string s, int indent)
        {
            if (indent > 0) return true;
            return s.StartsWith("Initiator SPI", StringComparison.Ordinal) || s.StartsWith("IKEv2 ", StringComparison.Ordinal)
                || s.StartsWith("Payload contents", StringComparison.Ordinal) || s.StartsWith("(sa)", StringComparison.Ordinal)
                || s.StartsWith("(key eng", StringComparison.Ordinal) || s.StartsWith("sa_", StringComparison.Ordinal)
                || s.StartsWith("local_proxy", StringComparison.Ordinal) || s.StartsWith("remote_proxy", StringComparison.Ordinal)
                || s.StartsWith("protocol=", StringComparison.Ordinal) || s.StartsWith("lifedur=", StringComparison.Ordinal)
                || s.StartsWith("spi=", StringComparison.Ordinal) || s.StartsWith("conn_id=", StringComparison.Ordinal)
                || s.StartsWith("Notify", StringComparison.Ordinal) || s.StartsWith("Decrypted packet", StringComparison.Ordinal);
        }

        // ------------------------------------------------------------------ reading one message

        private static readonly Regex AsaCode = new Regex(@"^%(?:ASA|FTD|PIX|FWSM)-(?:session-)?(\d)-(\d{6})\b", RegexOptions.CultureInvariant);
        private static readonly Regex IosCode = new Regex(@"^%([A-Z0-9_]+)-(\d)-([A-Z0-9_]+)", RegexOptions.CultureInvariant);
        private static readonly Regex Spi = new Regex(@"(?i)(?<![a-z])spi\s*[:=]?\s*(0x[0-9a-f]{1,8})\b", RegexOptions.CultureInvariant);
        private static readonly Regex IsakmpConn = new Regex(@"^ISAKMP(?:-[A-Z]+)?\s*:\s*\((\d+)\)\s*:?\s*", RegexOptions.CultureInvariant);
        private static readonly Regex Ikev2Conn = new Regex(@"^IKEv2(?:-[A-Z]+)?\s*:\s*\((?:SESSION ID\s*=\s*\d+\s*,\s*)?SA ID\s*=\s*(\d+)\)\s*:?\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex PacketPeer = new Regex(@"(?:sending packet to|received packet from)\s+([0-9A-Fa-f.:]+)", RegexOptions.CultureInvariant);
        private static readonly Regex RemotePeer = new Regex(@"remote\s+([0-9A-Fa-f.:]+)\s+port", RegexOptions.CultureInvariant);
        private static readonly Regex MessageIdEq = new Regex(@"message ID\s*=\s*(\d+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex NewNode = new Regex(@"set new node (\d+) to", RegexOptions.CultureInvariant);
        private static readonly Regex NodeInput = new Regex(@"^Node (\d+), Input", RegexOptions.CultureInvariant);
        private static readonly Regex QmBegin = new Regex(@"beginning Quick Mode exchange, M-ID of (\d+)", RegexOptions.CultureInvariant);
        private static readonly Regex OnInterface = new Regex(@"\bon ([A-Za-z][\w/.:-]*)", RegexOptions.CultureInvariant);
        private static readonly Regex V2Packet = new Regex(@"(Sending|Received) Packet \[(?:To|From) ([0-9A-Fa-f.:]+?):\d+", RegexOptions.CultureInvariant);
        private static readonly Regex V2MessageId = new Regex(@"Message id:\s*(\d+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex AsaIp = new Regex(@"\bIP = ([0-9A-Fa-f.:]+)", RegexOptions.CultureInvariant);
        private static readonly Regex AsaFrom = new Regex(@"\bfrom ([0-9A-Fa-f.:]+)", RegexOptions.CultureInvariant);
        private static readonly Regex AsaBetween = new Regex(@"between ([0-9A-Fa-f.:]+) and ([0-9A-Fa-f.:]+)", RegexOptions.CultureInvariant);
        private static readonly Regex AsaMsgId = new Regex(@"msgid=([0-9a-fA-F]+)", RegexOptions.CultureInvariant);
        private static readonly Regex InOutSpi = new Regex(@"Inbound SPI = (0x[0-9a-fA-F]+), Outbound SPI = (0x[0-9a-fA-F]+)", RegexOptions.CultureInvariant);
        private static readonly Regex KeyValue = new Regex(@"(srcaddr|connection id|input interface|remote|sa_dest)\s*=\s*([^,\s]+)", RegexOptions.CultureInvariant);
        private static readonly Regex SessionPeer = new Regex(@"Peer ([0-9A-Fa-f.:]+?)(?::(\d+))?\s", RegexOptions.CultureInvariant);

        private void Finish(ParseContext ctx)
        {
            if (!_open) return;
            _open = false;
            string m = _message.ToString();
            var e = Read(m);
            if (e != null)
            {
                e.Line = _line;
                e.LastLine = _lastLine;
                e.Time = _prefix.Time;
                e.TimeText = _prefix.TimeText;
                e.TimeZone = _prefix.Zone;
                e.YearAssumed = _prefix.YearAssumed;
                e.Sequence = _prefix.Sequence;
                e.Message = m.Length > 500 ? m.Substring(0, 500) + "…" : m;
                if (_prefix.Host != null) e.Device = _prefix.Host;
                _pending.Enqueue(e);
            }
            Release(ctx);
        }

        /// <summary>Hands out the events whose peer is known (or cannot become known), in order.</summary>
        private void Release(ParseContext ctx)
        {
            while (_pending.Count > 0)
            {
                var e = _pending.Peek();
                bool waiting = e.Peer == null && e.ConnectionId != null && _conns.TryGetValue(e.ConnectionId, out var c) && c.Peer == null;
                if (waiting && _pending.Count < MaxPending) return;
                ctx.Emit(_pending.Dequeue());
            }
        }

        private SaEvent? Read(string m)
        {
            if (m.Length == 0) return null;
            if (m[0] == '%') return ReadSyslog(m);
            if (m.StartsWith("ISAKMP", StringComparison.Ordinal)) return ReadIsakmp(m);
            if (m.StartsWith("IKEv2", StringComparison.OrdinalIgnoreCase)) return ReadIkev2(m);
            if (m.StartsWith("IPSEC", StringComparison.OrdinalIgnoreCase)) return ReadIpsec(m);
            return null;
        }

        private SaEvent? ReadIsakmp(string m)
        {
            var cm = IsakmpConn.Match(m);
            string? connId = cm.Success ? cm.Groups[1].Value : null;
            string text = cm.Success ? m.Substring(cm.Length) : m.Substring(m.IndexOf(':') + 1).Trim();
            Conn? conn = null;
            if (connId != null && !_conns.TryGetValue(connId, out conn))
            {
                if (_conns.Count > 65536) _conns.Clear();
                _conns[connId] = conn = new Conn();
            }

            var peer = PacketPeer.Match(text);
            if (!peer.Success) peer = RemotePeer.Match(text);
            if (peer.Success && conn != null && conn.Peer == null)
            {
                conn.Peer = peer.Groups[1].Value;
                foreach (var waiting in _pending)
                    if (waiting.ConnectionId == connId && waiting.Peer == null) waiting.Peer = conn.Peer;
            }

            SaEvent? Event(string kind, long? messageId, string? role)
            {
                var e = new SaEvent { Kind = kind, MessageCode = "ISAKMP", ConnectionId = connId, MessageId = messageId, Role = role, Peer = conn?.Peer };
                if (peer.Success) e.Peer = peer.Groups[1].Value;
                return e;
            }

            Match x;
            if ((x = MessageIdEq.Match(text)).Success) { if (conn != null) conn.LastMessageId = Long(x.Groups[1].Value); }
            if ((x = NewNode.Match(text)).Success) { long? n = Long(x.Groups[1].Value); if (conn != null && n != 0) conn.LastMessageId = n; }
            if ((x = NodeInput.Match(text)).Success) { if (conn != null) conn.CurrentNode = Long(x.Groups[1].Value); return null; }
            if ((x = QmBegin.Match(text)).Success)
            {
                long? n = Long(x.Groups[1].Value);
                if (conn != null && n != null) { conn.Roles[n.Value] = IkeRole.Initiator; conn.LastMessageId = n; }
                return Event(SaEventKind.RekeyInitiated, n, IkeRole.Initiator);
            }
            if (text.StartsWith("QM Responder gets spi", StringComparison.Ordinal))
            {
                long? n = conn?.LastMessageId;
                if (conn != null && n != null) conn.Roles[n.Value] = IkeRole.Responder;
                return Event(SaEventKind.RekeyResponded, n, IkeRole.Responder);
            }
            if (text.StartsWith("QM Initiator gets spi", StringComparison.Ordinal))
            {
                long? n = conn?.LastMessageId;
                if (conn == null || n == null || conn.Roles.ContainsKey(n.Value)) return null;
                conn.Roles[n.Value] = IkeRole.Initiator;
                return Event(SaEventKind.RekeyInitiated, n, IkeRole.Initiator);
            }
            if (text.IndexOf("New State = IKE_QM_PHASE2_COMPLETE", StringComparison.Ordinal) >= 0)
            {
                long? n = conn?.CurrentNode;
                return Event(SaEventKind.PhaseTwoComplete, n, RoleOf(conn, n));
            }
            if (text.StartsWith("Successfully installed IPSEC SA", StringComparison.OrdinalIgnoreCase))
            {
                long? n = conn?.CurrentNode;
                var e = Event(SaEventKind.SaInstalled, n, RoleOf(conn, n))!;
                SetSpi(e, text);
                var on = OnInterface.Match(text);
                if (on.Success) e.Interface = on.Groups[1].Value;
                return e;
            }
            if (text.IndexOf("KEY_MGR_DELETE_SAS", StringComparison.Ordinal) >= 0)
            {
                var e = Event(SaEventKind.SaDeleted, conn?.LastMessageId, null)!;
                SetSpi(e, text);
                return e;
            }
            if (text.StartsWith("processing DELETE payload", StringComparison.Ordinal))
                return Event(SaEventKind.DeleteReceived, conn?.LastMessageId, null);
            if (text.IndexOf("INVALID_SPI", StringComparison.Ordinal) >= 0 || text.IndexOf("invalid spi", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var e = Event(SaEventKind.InvalidSpi, conn?.LastMessageId, null)!;
                SetSpi(e, text);
                return e;
            }
            return null;
        }

        private static string? RoleOf(Conn? conn, long? node) =>
            conn != null && node != null && conn.Roles.TryGetValue(node.Value, out var r) ? r : null;

        private SaEvent? ReadIkev2(string m)
        {
            var cm = Ikev2Conn.Match(m);
            string? connId = cm.Success ? cm.Groups[1].Value : null;
            string text = cm.Success ? m.Substring(cm.Length) : m.Substring(Math.Max(0, m.IndexOf(':') + 1)).Trim();
            Conn? conn = null;
            if (connId != null && !_conns.TryGetValue("v2:" + connId, out conn))
            {
                if (_conns.Count > 65536) _conns.Clear();
                _conns["v2:" + connId] = conn = new Conn();
            }
            var packet = V2Packet.Match(text);
            if (packet.Success && conn != null) conn.Peer = packet.Groups[2].Value;
            long? msgId = null;
            var mid = V2MessageId.Match(text);
            if (mid.Success) msgId = Long(mid.Groups[1].Value);

            SaEvent New(string kind, string? role) => new SaEvent
            {
                Kind = kind, MessageCode = "IKEv2", ConnectionId = connId, MessageId = msgId, Role = role,
                Peer = packet.Success ? packet.Groups[2].Value : conn?.Peer,
            };

            bool sending = packet.Success && packet.Groups[1].Value == "Sending";
            if (packet.Success && text.IndexOf("CREATE_CHILD_SA", StringComparison.Ordinal) >= 0 && text.IndexOf("REQUEST", StringComparison.Ordinal) >= 0)
                return sending ? New(SaEventKind.RekeyInitiated, IkeRole.Initiator) : New(SaEventKind.RekeyResponded, IkeRole.Responder);
            if (text.IndexOf("DELETE INFO message for IPsec SA", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("Delete IPsec SA", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var e = New(SaEventKind.SaDeleted, null);
                SetSpi(e, text);
                return e;
            }
            if (text.IndexOf("INVALID_SPI", StringComparison.Ordinal) >= 0)
            {
                var e = New(SaEventKind.InvalidSpi, null);
                SetSpi(e, text);
                return e;
            }
            return null;
        }

        private static SaEvent? ReadIpsec(string m)
        {
            bool create = m.IndexOf("(create_sa)", StringComparison.Ordinal) >= 0 && m.IndexOf("sa created", StringComparison.OrdinalIgnoreCase) >= 0;
            bool delete = m.IndexOf("(delete_sa)", StringComparison.Ordinal) >= 0 || m.IndexOf("delete SA with spi", StringComparison.OrdinalIgnoreCase) >= 0
                || m.IndexOf("(key_engine_delete_sas)", StringComparison.Ordinal) >= 0 && Spi.IsMatch(m);
            if (!create && !delete) return null;
            var e = new SaEvent { Kind = create ? SaEventKind.SaInstalled : SaEventKind.SaDeleted, MessageCode = "IPSEC" };
            SetSpi(e, m);
            if (m.IndexOf("INBOUND", StringComparison.Ordinal) >= 0) e.Direction = SaDirection.Inbound;
            else if (m.IndexOf("OUTBOUND", StringComparison.Ordinal) >= 0) e.Direction = SaDirection.Outbound;
            foreach (Match kv in KeyValue.Matches(m))
            {
                string v = kv.Groups[2].Value;
                int colon = v.LastIndexOf(':');
                if (kv.Groups[1].Value == "remote") e.Peer ??= colon > 0 && v.IndexOf(':') == colon ? v.Substring(0, colon) : v;
                else if (kv.Groups[1].Value == "sa_dest" && e.Direction == SaDirection.Outbound) e.Peer ??= v;
                else if (kv.Groups[1].Value == "connection id") e.ConnectionId = v;
            }
            return e;
        }

        private static SaEvent? ReadSyslog(string m)
        {
            int colon = m.IndexOf(':');
            string code = colon > 0 ? m.Substring(0, colon) : m;
            string text = colon > 0 ? m.Substring(colon + 1).Trim() : "";
            var asa = AsaCode.Match(m);
            if (asa.Success)
            {
                SaEvent New(string kind) => new SaEvent { Kind = kind, MessageCode = code };
                SaEvent? e = null;
                switch (asa.Groups[2].Value)
                {
                    case "602303":
                    case "602304":
                    {
                        e = New(asa.Groups[2].Value == "602303" ? SaEventKind.SaInstalled : SaEventKind.SaDeleted);
                        if (text.IndexOf("An inbound", StringComparison.OrdinalIgnoreCase) >= 0) e.Direction = SaDirection.Inbound;
                        else if (text.IndexOf("An outbound", StringComparison.OrdinalIgnoreCase) >= 0) e.Direction = SaDirection.Outbound;
                        var b = AsaBetween.Match(text);
                        if (b.Success) e.Peer = b.Groups[2].Value;
                        break;
                    }
                    case "402114": e = New(SaEventKind.InvalidSpi); e.Direction = SaDirection.Inbound; break;
                    case "402116": e = New(SaEventKind.ProxyMismatch); e.Direction = SaDirection.Inbound; break;
                    case "402119": e = New(SaEventKind.Replay); e.Direction = SaDirection.Inbound; break;
                    case "713049":
                    {
                        e = New(SaEventKind.PhaseTwoComplete);
                        if (text.IndexOf(" Initiator", StringComparison.Ordinal) >= 0) e.Role = IkeRole.Initiator;
                        else if (text.IndexOf(" Responder", StringComparison.Ordinal) >= 0) e.Role = IkeRole.Responder;
                        var io = InOutSpi.Match(text);
                        if (io.Success)
                        {
                            e.Spi = Normalise(io.Groups[1].Value);
                            e.OutboundSpi = Normalise(io.Groups[2].Value);
                        }
                        break;
                    }
                    case "713120":
                    {
                        e = New(SaEventKind.PhaseTwoComplete);
                        var id = AsaMsgId.Match(text);
                        if (id.Success && long.TryParse(id.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long v)) e.MessageId = v;
                        break;
                    }
                    case "713119": e = New(SaEventKind.PhaseOneComplete); break;
                }
                if (e == null) return null;
                if (e.Spi == null) SetSpi(e, text);
                if (e.Peer == null)
                {
                    var from = AsaFrom.Match(text);
                    var ip = AsaIp.Match(text);
                    if (from.Success) e.Peer = from.Groups[1].Value;
                    else if (ip.Success) e.Peer = ip.Groups[1].Value;
                }
                return e;
            }
            var ios = IosCode.Match(m);
            if (!ios.Success || ios.Groups[1].Value != "CRYPTO") return null;
            string mnemonic = ios.Groups[3].Value;
            SaEvent? r = null;
            if (mnemonic == "RECVD_PKT_INV_SPI") r = new SaEvent { Kind = SaEventKind.InvalidSpi, Direction = SaDirection.Inbound };
            else if (mnemonic == "PKT_REPLAY_ERR") r = new SaEvent { Kind = SaEventKind.Replay, Direction = SaDirection.Inbound };
            else if (mnemonic == "SESSION_STATUS")
            {
                bool up = text.IndexOf(" is UP", StringComparison.OrdinalIgnoreCase) >= 0;
                bool down = text.IndexOf(" is DOWN", StringComparison.OrdinalIgnoreCase) >= 0;
                if (!up && !down) return null;
                r = new SaEvent { Kind = up ? SaEventKind.TunnelUp : SaEventKind.TunnelDown };
                var peer = SessionPeer.Match(text + " ");
                if (peer.Success) r.Peer = peer.Groups[1].Value;
            }
            if (r == null) return null;
            r.MessageCode = code;
            SetSpi(r, text);
            foreach (Match kv in KeyValue.Matches(text))
            {
                string v = kv.Groups[2].Value;
                switch (kv.Groups[1].Value)
                {
                    case "srcaddr": r.Peer ??= v; break;
                    case "connection id": r.ConnectionId = v; break;
                    case "input interface": r.Interface = v; break;
                }
            }
            return r;
        }

        private static void SetSpi(SaEvent e, string text)
        {
            var s = Spi.Match(text);
            if (s.Success) e.Spi = Normalise(s.Groups[1].Value);
        }

        private static string? Normalise(string hex) => Hex32.TryParse(hex.AsSpan(), out uint v) ? Hex32.Format(v) : null;

        private static long? Long(string s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : (long?)null;
    }
}
