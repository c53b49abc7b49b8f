using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

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
            public string? Local;
            public long? LastMessageId;
            public long? CurrentNode;
            public readonly Dictionary<long, string> Roles = new Dictionary<long, string>();

            /// <summary>Records this end's role in exchange <paramref name="node"/>; old exchanges are forgotten so a long log does not grow memory.</summary>
            public void SetRole(long node, string role)
            {
                if (Roles.Count >= 1024 && !Roles.ContainsKey(node)) Roles.Clear();
                Roles[node] = role;
            }
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
                // Only the first MaxMessage characters of a message are read: no field of interest lies further on, and
                // the field finders then stay fast on hostile lines.
                _message.Append(s, p.MessageStart, Math.Min(s.Length - p.MessageStart, MaxMessage));
                _line = _lastLine = line.Number;
                _open = true;
                return true;
            }
            if (_open && IsContinuation(s, line.Indent))
            {
                if (_message.Length < MaxMessage) _message.Append(' ').Append(s, 0, Math.Min(s.Length, MaxMessage - _message.Length));
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

        /// <summary>"ISAKMP: (79859):text", "ISAKMP-PAK: (79859):text", "ISAKMP:(0):text": the connection id and the text.</summary>
        private static string? IsakmpConnection(string m, out string text)
        {
            int colon = m.IndexOf(':');
            text = colon < 0 ? m : m.Substring(colon + 1).TrimStart();
            if (colon < 0 || text.Length < 3 || text[0] != '(') return null;
            int close = text.IndexOf(')');
            string? id = close > 1 ? TextScan.Digits(text, 1) : null;
            if (id == null || id.Length != close - 1) return null;
            text = text.Substring(close + 1).TrimStart(':').TrimStart();
            return id;
        }

        private SaEvent? ReadIsakmp(string m)
        {
            string? connId = IsakmpConnection(m, out string text);
            Conn? conn = null;
            if (connId != null && !_conns.TryGetValue(connId, out conn))
            {
                if (_conns.Count > 65536) _conns.Clear();
                _conns[connId] = conn = new Conn();
            }

            string? peer = TextScan.AddressAfter(text, "sending packet to ") ?? TextScan.AddressAfter(text, "received packet from ");
            bool hasPort = text.IndexOf(" port ", StringComparison.Ordinal) > 0;
            if (peer == null && hasPort) peer = TextScan.AddressAfter(text, "remote ");
            // "(local 172.17.3.1 port 500, remote 172.17.3.2 port 500)": this end's address.
            string? local = hasPort ? TextScan.AddressAfter(text, "(local ") : null;
            if (local != null && conn != null) conn.Local = local;
            if (peer != null && conn != null && conn.Peer == null)
            {
                conn.Peer = peer;
                foreach (var waiting in _pending)
                    if (waiting.ConnectionId == connId && waiting.Peer == null) waiting.Peer = conn.Peer;
            }

            SaEvent Event(string kind, long? messageId, string? role) =>
                new SaEvent { Kind = kind, MessageCode = "ISAKMP", ConnectionId = connId, MessageId = messageId, Role = role, Peer = peer ?? conn?.Peer, LocalAddress = local ?? conn?.Local };

            string? d;
            if ((d = TextScan.DigitsAfter(text, "message ID = ", ignoreCase: true)) != null && conn != null) conn.LastMessageId = Long(d);
            if ((d = TextScan.DigitsAfter(text, "set new node ")) != null && conn != null && d != "0") conn.LastMessageId = Long(d);
            if (text.StartsWith("Node ", StringComparison.Ordinal) && text.IndexOf(", Input", StringComparison.Ordinal) > 0)
            {
                if (conn != null) conn.CurrentNode = Long(TextScan.Digits(text, 5) ?? "");
                return null;
            }
            if ((d = TextScan.DigitsAfter(text, "beginning Quick Mode exchange, M-ID of ")) != null)
            {
                long? n = Long(d);
                if (conn != null && n != null) { conn.SetRole(n.Value, IkeRole.Initiator); conn.LastMessageId = n; }
                return Event(SaEventKind.RekeyInitiated, n, IkeRole.Initiator);
            }
            if (text.StartsWith("QM Responder gets spi", StringComparison.Ordinal))
            {
                long? n = conn?.LastMessageId;
                if (conn != null && n != null) conn.SetRole(n.Value, IkeRole.Responder);
                return Event(SaEventKind.RekeyResponded, n, IkeRole.Responder);
            }
            if (text.StartsWith("QM Initiator gets spi", StringComparison.Ordinal))
            {
                long? n = conn?.LastMessageId;
                if (conn == null || n == null || conn.Roles.ContainsKey(n.Value)) return null;
                conn.SetRole(n.Value, IkeRole.Initiator);
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
                var e = Event(SaEventKind.SaInstalled, n, RoleOf(conn, n));
                e.Spi = TextScan.Spi(text);
                int on = TextScan.After(text, ") on ");
                if (on > 0) e.Interface = TextScan.Word(text, on);
                return e;
            }
            if (text.IndexOf("KEY_MGR_DELETE_SAS", StringComparison.Ordinal) >= 0)
            {
                var e = Event(SaEventKind.SaDeleted, conn?.LastMessageId, null);
                e.Spi = TextScan.Spi(text);
                return e;
            }
            if (text.StartsWith("processing DELETE payload", StringComparison.Ordinal))
                return Event(SaEventKind.DeleteReceived, conn?.LastMessageId, null);
            if (text.IndexOf("INVALID_SPI", StringComparison.Ordinal) >= 0 || text.IndexOf("invalid spi", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var e = Event(SaEventKind.InvalidSpi, conn?.LastMessageId, null);
                e.Spi = TextScan.Spi(text);
                return e;
            }
            return null;
        }

        private static string? RoleOf(Conn? conn, long? node) =>
            conn != null && node != null && conn.Roles.TryGetValue(node.Value, out var r) ? r : null;

        private SaEvent? ReadIkev2(string m)
        {
            // "IKEv2:(SESSION ID = 1,SA ID = 1):text" or "IKEv2:(SA ID = 1):text"
            string? connId = TextScan.DigitsAfter(m, "SA ID = ");
            int close = m.IndexOf("):", StringComparison.Ordinal);
            string text = close > 0 && close < 80 ? m.Substring(close + 2).TrimStart() : m.Substring(Math.Max(0, m.IndexOf(':') + 1)).TrimStart();
            Conn? conn = null;
            if (connId != null && !_conns.TryGetValue("v2:" + connId, out conn))
            {
                if (_conns.Count > 65536) _conns.Clear();
                _conns["v2:" + connId] = conn = new Conn();
            }
            bool sending = text.StartsWith("Sending Packet [To ", StringComparison.Ordinal);
            bool received = text.StartsWith("Received Packet [From ", StringComparison.Ordinal);
            string? peer = null;
            if (sending || received)
            {
                // "[To 10.1.1.2:500/From ...]": the address before the port.
                int at = text.IndexOf(' ', 16) + 1;
                int slash = text.IndexOf('/', at);
                if (at > 0 && slash > at)
                {
                    peer = TextScan.WithoutPort(text.Substring(at, slash - at));
                    if (conn != null) conn.Peer = peer;
                }
                // ".../From 10.1.1.1:500/..." or ".../To 10.1.1.1:500/...": this end's address, written as the peer's is.
                string? local = TextScan.AddressAfter(text, sending ? "/From " : "/To ");
                if (local != null && conn != null) conn.Local = TextScan.WithoutPort(local);
            }
            long? msgId = Long(TextScan.DigitsAfter(text, "Message id:", ignoreCase: true) ?? "");

            SaEvent New(string kind, string? role) => new SaEvent
            {
                Kind = kind, MessageCode = "IKEv2", ConnectionId = connId, MessageId = msgId, Role = role, Peer = peer ?? conn?.Peer, LocalAddress = conn?.Local,
            };

            if ((sending || received) && text.IndexOf("CREATE_CHILD_SA", StringComparison.Ordinal) >= 0 && text.IndexOf("REQUEST", StringComparison.Ordinal) >= 0)
                return sending ? New(SaEventKind.RekeyInitiated, IkeRole.Initiator) : New(SaEventKind.RekeyResponded, IkeRole.Responder);
            if (text.IndexOf("DELETE INFO message for IPsec SA", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("Delete IPsec SA", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                var e = New(SaEventKind.SaDeleted, null);
                e.Spi = TextScan.Spi(text);
                return e;
            }
            if (text.IndexOf("INVALID_SPI", StringComparison.Ordinal) >= 0)
            {
                var e = New(SaEventKind.InvalidSpi, null);
                e.Spi = TextScan.Spi(text);
                return e;
            }
            return null;
        }

        private static SaEvent? ReadIpsec(string m)
        {
            bool create = m.IndexOf("(create_sa)", StringComparison.Ordinal) >= 0 && m.IndexOf("sa created", StringComparison.OrdinalIgnoreCase) >= 0;
            bool delete = m.IndexOf("(delete_sa)", StringComparison.Ordinal) >= 0 || m.IndexOf("delete SA with spi", StringComparison.OrdinalIgnoreCase) >= 0
                || m.IndexOf("(key_engine_delete_sas)", StringComparison.Ordinal) >= 0 && TextScan.Spi(m) != null;
            if (!create && !delete) return null;
            var e = new SaEvent { Kind = create ? SaEventKind.SaInstalled : SaEventKind.SaDeleted, MessageCode = "IPSEC" };
            e.Spi = TextScan.Spi(m);
            if (m.IndexOf("INBOUND", StringComparison.Ordinal) >= 0) e.Direction = SaDirection.Inbound;
            else if (m.IndexOf("OUTBOUND", StringComparison.Ordinal) >= 0) e.Direction = SaDirection.Outbound;
            string? remote = TextScan.KeyValue(m, "remote");
            if (remote != null)
            {
                int colon = remote.LastIndexOf(':');
                e.Peer = colon > 0 && remote.IndexOf(':') == colon ? remote.Substring(0, colon) : remote;
            }
            else if (e.Direction == SaDirection.Outbound) e.Peer = TextScan.KeyValue(m, "sa_dest");
            e.ConnectionId = TextScan.KeyValue(m, "sa_conn_id") ?? TextScan.KeyValue(m, "conn_id");
            return e;
        }

        private static SaEvent? ReadSyslog(string m)
        {
            int colon = m.IndexOf(':');
            string code = colon > 0 ? m.Substring(0, colon) : m;
            string text = colon > 0 ? m.Substring(colon + 1).Trim() : "";
            var parts = code.Substring(1).Split('-');
            if (parts.Length < 3) return null;
            string facility = parts[0], mnemonic = parts[parts.Length - 1];
            if (facility == "ASA" || facility == "FTD" || facility == "PIX" || facility == "FWSM")
            {
                SaEvent New(string kind) => new SaEvent { Kind = kind, MessageCode = code };
                SaEvent? e = null;
                switch (mnemonic)
                {
                    case "602303":
                    case "602304":
                    {
                        e = New(mnemonic == "602303" ? SaEventKind.SaInstalled : SaEventKind.SaDeleted);
                        if (text.IndexOf("An inbound", StringComparison.OrdinalIgnoreCase) >= 0) e.Direction = SaDirection.Inbound;
                        else if (text.IndexOf("An outbound", StringComparison.OrdinalIgnoreCase) >= 0) e.Direction = SaDirection.Outbound;
                        int between = TextScan.After(text, "between ");
                        int and = between > 0 ? TextScan.After(text, " and ", from: between) : -1;
                        if (and > 0) e.Peer = TextScan.Address(text, and);
                        if (between > 0) e.LocalAddress = TextScan.Address(text, between);
                        break;
                    }
                    case "402114": e = New(SaEventKind.InvalidSpi); e.Direction = SaDirection.Inbound; e.LocalAddress = TextScan.AddressAfter(text, ") to "); break;
                    case "402116": e = New(SaEventKind.ProxyMismatch); e.Direction = SaDirection.Inbound; break;
                    case "402119": e = New(SaEventKind.Replay); e.Direction = SaDirection.Inbound; break;
                    case "713049":
                    {
                        e = New(SaEventKind.PhaseTwoComplete);
                        if (text.IndexOf(" Initiator", StringComparison.Ordinal) >= 0) e.Role = IkeRole.Initiator;
                        else if (text.IndexOf(" Responder", StringComparison.Ordinal) >= 0) e.Role = IkeRole.Responder;
                        e.Spi = TextScan.HexAfterWord(text, "Inbound SPI");
                        e.OutboundSpi = TextScan.HexAfterWord(text, "Outbound SPI");
                        break;
                    }
                    case "713120":
                    {
                        e = New(SaEventKind.PhaseTwoComplete);
                        string? id = TextScan.Word(text, TextScan.After(text, "msgid="));
                        if (id != null && long.TryParse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long v)) e.MessageId = v;
                        break;
                    }
                    case "713119": e = New(SaEventKind.PhaseOneComplete); break;
                }
                if (e == null) return null;
                e.Spi ??= TextScan.Spi(text);
                e.Peer ??= TextScan.AddressAfter(text, " from ") ?? TextScan.AddressAfter(text, "IP = ");
                return e;
            }
            if (facility != "CRYPTO") return null;
            SaEvent? r = null;
            if (mnemonic == "RECVD_PKT_INV_SPI") r = new SaEvent { Kind = SaEventKind.InvalidSpi, Direction = SaDirection.Inbound };
            else if (mnemonic == "PKT_REPLAY_ERR") r = new SaEvent { Kind = SaEventKind.Replay, Direction = SaDirection.Inbound };
            else if (mnemonic == "SESSION_STATUS")
            {
                bool up = text.IndexOf(" is UP", StringComparison.OrdinalIgnoreCase) >= 0;
                bool down = text.IndexOf(" is DOWN", StringComparison.OrdinalIgnoreCase) >= 0;
                if (!up && !down) return null;
                r = new SaEvent { Kind = up ? SaEventKind.TunnelUp : SaEventKind.TunnelDown };
                string? peer = TextScan.Word(text, TextScan.After(text, "Peer "));
                if (peer != null)
                {
                    // "10.1.1.2:500": the port after the last colon of an IPv4 address.
                    int c = peer.LastIndexOf(':');
                    r.Peer = c > 0 && peer.IndexOf('.') > 0 ? peer.Substring(0, c) : peer;
                }
            }
            if (r == null) return null;
            r.MessageCode = code;
            r.Spi = TextScan.Spi(text);
            r.Peer ??= TextScan.KeyValue(text, "srcaddr");
            r.LocalAddress = TextScan.KeyValue(text, "destaddr");
            r.ConnectionId = TextScan.KeyValue(text, "connection id");
            r.Interface = TextScan.KeyValue(text, "input interface");
            return r;
        }

        private static long? Long(string s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : (long?)null;
    }
}
