using System;
using System.Text;
using SpiTools.Devices;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>show crypto ipsec sa</c> (ASA / FTD and IOS / IOS-XE dialects) into one <see cref="IpsecSa"/> per
    /// SA block, each carrying its entry's fields. Keyword-driven, so lost or doubled indentation does not matter.
    /// An SA is emitted as soon as its block ends (next SA, next section header, next entry, end of output).
    /// An entry printed without any SA block still yields one record (Spi null) so its counters are not lost.
    /// </summary>
    internal sealed class IpsecSaParser : ISectionParser
    {
        private string? _interface;
        private string? _cryptoMap;
        private int? _seq;
        private string? _localAddress;
        private string? _peerHeader;
        private DevicePlatform? _platform;

        private IpsecSa? _entry;          // the entry's fields, cloned for each SA
        private bool _entryHasSaHeaders;  // an "inbound esp sas:" (or similar) line was seen
        private int _entrySaCount;
        private bool _entryHasIdent;

        private IpsecSa? _sa;             // the SA being read
        private bool _saTimingSeen;
        private bool _inBitmap;
        private string? _direction;
        private string _protocol = "esp";
        private bool _lastWasAccessList;

        // Filtered output ("| include spi|pkts|peer"): entries are told apart by their repeated lines, and the records
        // of an excerpt's first, headless entry ("| begin") are marked incomplete.
        private bool _entryPeerSeen;
        private bool _entryOutboundSpiSeen;
        private string? _entryFirstCounter;
        private bool _subset;
        private bool _headless;
        private bool _started;
        private readonly StringPool _pool = new StringPool();

        // SAs usually repeat an "in use settings" list already read, to the letter; a device has a few tunnel profiles.
        private readonly SettingsCache<SettingsReading> _settings;

        /// <summary>The number of distinct <c>in use settings</c> lists whose readings are kept (0: each list is read).</summary>
        internal const int SettingsSlots = 8;

        public IpsecSaParser() : this(SettingsSlots)
        {
        }

        /// <summary>A parser keeping the readings of <paramref name="settingsSlots"/> settings lists (tests compare 0 with the default).</summary>
        internal IpsecSaParser(int settingsSlots)
        {
            _settings = new SettingsCache<SettingsReading>(settingsSlots, ReadSettings);
        }

        /// <summary>Longest text gathered from several lines into one field; beyond it, lines are reported, not stored.</summary>
        internal const int MaxAccumulated = 8192;
        private char[] _scratch = new char[128];

        public bool Accept(in CaptureLine line, ParseContext context)
        {
            var t = line.Text;
            // Split lines that were joined: "current outbound spi: A19EC57E inbound esp sas:".
            int at = JoinedLineSearch.FindJoinedStart(t);
            if (at > 0)
            {
                var first = new CaptureLine(line.Number, t.Slice(0, at).TrimEnd(), line.Indent, line.Raw);
                var second = new CaptureLine(line.Number, t.Slice(at), line.Indent, line.Raw);
                bool a = AcceptOne(first, context);
                bool b = Accept(second, context);
                if (a && b)
                {
                    context.Report(DiagnosticCodes.JoinedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        "two lines of output were joined on one line; they were split");
                    return true;
                }
                if (a || b)
                {
                    context.Report(DiagnosticCodes.UnrecognizedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        $"part of the line was not recognised: '{(a ? second.Text : first.Text).ToString()}'");
                    return true;
                }
                return false;
            }
            return AcceptOne(line, context);
        }

        private bool AcceptOne(in CaptureLine line, ParseContext ctx)
        {
            bool used = AcceptCore(line, ctx);
            if (used && _entry != null)
            {
                if (_entry.Line == 0) _entry.Line = line.Number;
                _entry.LastLine = line.Number;
            }
            return used;
        }

        private bool AcceptCore(in CaptureLine line, ParseContext ctx)
        {
            var t = line.Text;
            if (t.IsEmpty) return true;
            if (_openIdent != null && FinishOpenIdent(t, line, ctx)) return true;
            if (!_started) Start(t, line, ctx);
            if (_subset && _entry != null && StartsFilteredEntry(t)) CloseEntry(ctx);
            bool wasAcl = _lastWasAccessList;
            _lastWasAccessList = false;
            char c0 = t[0];
            if (c0 != '0') _inBitmap = false;

            // While an SA is open most lines are its fields: try them first. No SA keyword starts like an entry
            // keyword (nor the other way round), so the order decides nothing.
            if (_sa != null && c0 != '0' && c0 != '#' && AcceptSaField(t, line, ctx)) return true;

            // Dispatch on the first character: many keywords are tried per line, so reject early.
            switch (c0 < 128 ? (char)(c0 | 0x20) : c0)
            {
                case '#':
                    if (line.Indent == 0) ctx.ReportOnce(DiagnosticCodes.IndentationLost, DiagnosticSeverity.Info, line.Number, line.Raw,
                        "the output lost its indentation; its structure was read from keywords");
                    return ParseCounters(t, line, ctx);

                case '0':
                    if (_inBitmap && t.Length > 1 && (t[1] == 'x' || t[1] == 'X'))
                    {
                        // A bitmap is a few words; an endless one is not stored further (its lines are reported).
                        if (_sa!.AntiReplayBitmap?.Length > MaxAccumulated) return false;
                        _sa!.AntiReplayBitmap = _sa.AntiReplayBitmap == null ? _pool.Get(t) : _sa.AntiReplayBitmap + " " + t.ToString();
                        return true;
                    }
                    _inBitmap = false;
                    break;

                case 'i':
                    // Lower-case "interface:" is this output; "Interface:" starts show crypto session / show dmvpn blocks.
                    if (t.StartsWith("interface:".AsSpan(), StringComparison.Ordinal))
                    {
                        CloseEntry(ctx);
                        _headless = false;
                        _interface = Value(t, "interface:");
                        _cryptoMap = null; _seq = null; _localAddress = null; _peerHeader = null;
                        return true;
                    }
                    if (t.StartsWithIgnoreCase("inbound ") && TrySectionHeader(t, ctx)) return true;
                    if (t.StartsWithIgnoreCase("IPsecv6 policy name:") || t.StartsWithIgnoreCase("IPsec policy name:")
                        || t.StartsWithIgnoreCase("IPsecv6-created ACL name:") || t.StartsWithIgnoreCase("IPsec-created ACL name:"))
                    {
                        AppendOther(Entry(), t);
                        return true;
                    }
                    if (t.StartsWithIgnoreCase("ICMP error validation") || t.StartsWithIgnoreCase("ip mtu")) return ParseMtuLine(t, line, ctx);
                    break;

                case 'c':
                    if (t.StartsWith("Crypto map tag:".AsSpan(), StringComparison.Ordinal))
                    {
                        CloseEntry(ctx);
                        _headless = false;
                        ParseCryptoMapTag(t, line, ctx);
                        return true;
                    }
                    if (t.StartsWithIgnoreCase("current_peer"))
                    {
                        ParsePeer(t.Slice("current_peer".Length), line, ctx);
                        _entryPeerSeen = true;
                        return true;
                    }
                    if (t.StartsWithIgnoreCase("current outbound spi"))
                    {
                        var e = Entry();
                        e.CurrentOutboundSpi = ParseCurrentSpi(t, line, ctx);
                        _entryOutboundSpiSeen = true;
                        return true;
                    }
                    if (t.StartsWithIgnoreCase("current inbound spi"))
                    {
                        var e = Entry();
                        e.CurrentInboundSpi = ParseCurrentSpi(t, line, ctx);
                        return true;
                    }
                    break;

                case 'p':
                    if (t.StartsWithIgnoreCase("peer address:"))
                    {
                        CloseEntry(ctx);
                        _headless = false;
                        _peerHeader = Value(t, "peer address:");
                        CheckRedacted(_peerHeader, line, ctx);
                        return true;
                    }
                    if (t.StartsWithIgnoreCase("protected vrf"))
                    {
                        // IOS "protected vrf: (none)"; ASA 9.x "Protected vrf (ivrf): Global".
                        int colon = t.IndexOf(':');
                        if (colon < 0) return false;
                        var e = EntryForNewField(ctx, identField: true);
                        e.ProtectedVrf = _pool.Get(t.Slice(colon + 1).TrimWhiteSpace());
                        return true;
                    }
                    if (t.StartsWithIgnoreCase("PERMIT, flags=") || t.StartsWithIgnoreCase("PERMIT,flags="))
                        return ParseFlags(t);
                    if (t.StartsWithIgnoreCase("path mtu") || t.StartsWithIgnoreCase("plaintext mtu") || t.StartsWithIgnoreCase("PMTU time remaining"))
                        return ParseMtuLine(t, line, ctx);
                    if (t.StartsWithIgnoreCase("PFS (Y/N)"))
                    {
                        _platform ??= DevicePlatform.IosXe;
                        ParsePfsLine(t);
                        return true;
                    }
                    break;

                case 'd':
                    if (t.StartsWithIgnoreCase("dynamic allocated peer ip"))
                    {
                        int colon = t.IndexOf(':');
                        if (colon < 0) return false;
                        Entry().DynamicPeerIp = NullIfEmpty(t.Slice(colon + 1).TrimWhiteSpace());
                        return true;
                    }
                    if (t.StartsWithIgnoreCase("DENY, flags=")) return ParseFlags(t);
                    break;

                case 't':
                    if (t.StartsWithIgnoreCase("There are no ipsec sas"))
                    {
                        CloseEntry(ctx);
                        return true;
                    }
                    break;

                case 'a':
                    if (t.StartsWithIgnoreCase("access-list "))
                    {
                        var e = EntryForNewField(ctx, identField: true);
                        e.AccessList = t.Slice("access-list ".Length).TrimWhiteSpace().ToString();
                        _lastWasAccessList = true;
                        return true;
                    }
                    break;

                case 'l':
                    if (t.StartsWithIgnoreCase("local crypto endpt")) return ParseEndpoints(t, line, ctx);
                    if (IsIdent(t, "local")) return ParseIdent(t, local: true, line, ctx);
                    break;

                case 'r':
                    if (t.StartsWithIgnoreCase("remote crypto endpt")) return ParseEndpoints(t, line, ctx);
                    if (IsIdent(t, "remote")) return ParseIdent(t, local: false, line, ctx);
                    break;

                case 'o':
                    if (t.StartsWithIgnoreCase("outbound ") && TrySectionHeader(t, ctx)) return true;
                    if (t.StartsWithIgnoreCase("override mtu")) return ParseMtuLine(t, line, ctx);
                    break;

                case 's':
                    if (t.StartsWithIgnoreCase(SpiKey))
                    {
                        StartSa(t.Slice(SpiKey.Length).TrimWhiteSpace(), line, ctx);
                        return true;
                    }
                    break;
            }

            // A crypto ACL wrapped onto the next line: "access-list TEST permit ip 10.255.203.0 255.255.255.0 10.220.100.0" + "255.255.255.0".
            if (wasAcl && _entry?.AccessList != null && LooksLikeAclContinuation(t))
            {
                _entry.AccessList = _entry.AccessList + " " + t.ToString();
                ctx.Report(DiagnosticCodes.WrappedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    "the crypto ACL line was wrapped onto this line; the parts were rejoined");
                return true;
            }
            return false;
        }

        /// <summary>Reads the section's output filter, and notes when a <c>| begin</c> excerpt starts inside an entry.</summary>
        private void Start(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            _started = true;
            var filter = ctx.Filter;
            if (filter == null) return;
            _subset = filter.Kind == OutputFilterKind.Subset;
            if (filter.Kind != OutputFilterKind.Begin || StartsEntry(t)) return;
            _headless = true;
            ctx.Report(DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Warning, line.Number, line.Raw,
                $"the output starts inside an entry ('{filter.Text}'): the entry's interface, crypto map and what it printed above this line are missing; its records are marked incomplete");
        }

        /// <summary>A line a whole entry (or the whole output) starts with.</summary>
        private static bool StartsEntry(ReadOnlySpan<char> t) =>
            t.StartsWith("interface:".AsSpan(), StringComparison.Ordinal)
            || t.StartsWith("Crypto map tag:".AsSpan(), StringComparison.Ordinal)
            || t.StartsWithIgnoreCase("peer address:")
            || t.StartsWithIgnoreCase("There are no ipsec sas");

        /// <summary>
        /// In output filtered to some of its lines, a line that cannot belong to the open entry: a second
        /// <c>current_peer</c>, <c>current outbound spi</c> or first counter line, or an entry line after the SAs.
        /// </summary>
        private bool StartsFilteredEntry(ReadOnlySpan<char> t)
        {
            char c0 = t[0];
            if (c0 == '#')
            {
                if (_entrySaCount > 0 || _sa != null) return true;
                return _entryFirstCounter != null && FirstCounterName(t).EqualsIgnoreCase(_entryFirstCounter);
            }
            if ((c0 | 0x20) != 'c') return false;
            if (t.StartsWithIgnoreCase("current_peer")) return _entryPeerSeen || _entrySaCount > 0 || _sa != null;
            if (t.StartsWithIgnoreCase("current outbound spi")) return _entryOutboundSpiSeen || _entrySaCount > 0 || _sa != null;
            return false;
        }

        /// <summary>The name of a counter line's first counter: "pkts encaps" in "#pkts encaps: 0, #pkts encrypt: 0".</summary>
        private static ReadOnlySpan<char> FirstCounterName(ReadOnlySpan<char> t)
        {
            int end = t.IndexOfAny(':', ',');
            var name = end >= 0 ? t.Slice(0, end) : t;
            return name.TrimStart('#').TrimWhiteSpace();
        }

        private static bool IsIdent(ReadOnlySpan<char> t, string side)
        {
            if (!t.StartsWithIgnoreCase(side)) return false;
            var rest = t.Slice(side.Length).TrimStart();
            return rest.StartsWithIgnoreCase("ident") && rest.IndexOf('(') > 0;
        }

        private bool ParseFlags(ReadOnlySpan<char> t)
        {
            _platform ??= DevicePlatform.IosXe;
            int open = t.IndexOf('{'), close = t.LastIndexOf('}');
            Entry().Flags = open >= 0 && close > open ? NullIfEmpty(t.Slice(open + 1, close - open - 1).TrimWhiteSpace().TrimEnd(',').TrimWhiteSpace()) : t.ToString();
            return true;
        }

        // ---------------------------------------------------------------- entry

        private IpsecSa Entry()
        {
            if (_entry == null)
            {
                _entry = new IpsecSa
                {
                    Interface = _interface,
                    CryptoMap = _cryptoMap,
                    CryptoMapSeq = _seq,
                    LocalAddress = _localAddress,
                    Peer = _peerHeader,
                };
                _entryHasSaHeaders = false;
                _entrySaCount = 0;
                _entryHasIdent = false;
                _entryPeerSeen = false;
                _entryOutboundSpiSeen = false;
                _entryFirstCounter = null;
                _direction = null;
                _protocol = "esp";
            }
            return _entry;
        }

        /// <summary>The entry a new ident-level field belongs to: a new entry when the current one already has idents or SAs.</summary>
        private IpsecSa EntryForNewField(ParseContext ctx, bool identField)
        {
            if (_entry != null && identField && (_entrySaCount > 0 || _entryHasSaHeaders || _entryHasIdent))
                CloseEntry(ctx);
            return Entry();
        }

        private void CloseEntry(ParseContext ctx)
        {
            CloseSa(ctx);
            var e = _entry;
            if (e == null) return;
            _entry = null;
            bool headless = _headless;
            _headless = false;
            if (_entrySaCount == 0)
            {
                // Nothing was emitted for this entry: keep what it printed in one record without an SA.
                var r = e.CloneEntry();
                r.Platform = PlatformName(_platform);
                r.Direction = null;
                if (_subset || headless) r.Incomplete = true;
                if (!_entryHasSaHeaders && !_subset)
                {
                    r.Incomplete = true;
                    ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, r.Line, default,
                        $"the entry for peer {r.Peer ?? "(unknown)"} (lines {r.Line}-{r.LastLine}) ends before its SA list; its idents and counters are kept in a record without an SPI");
                }
                ctx.Emit(r);
            }
        }

        private void Touch(in CaptureLine line)
        {
            var e = Entry();
            if (e.Line == 0) e.Line = line.Number;
            e.LastLine = line.Number;
        }

        private void ParseCryptoMapTag(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            _cryptoMap = null; _seq = null; _localAddress = null;
            var rest = t.Slice("Crypto map tag:".Length);
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (_cryptoMap == null) _cryptoMap = _pool.Get(part);
                else if (part.StartsWithIgnoreCase("seq num")) _seq = ParseText.Int32OrReport(AfterKey(part, "seq num"), ctx, line, "seq num");
                else if (part.StartsWithIgnoreCase(LocalAddrKey))
                {
                    // ASA prints "local addr: A", IOS "local addr A".
                    if (part.Length > LocalAddrKey.Length && part[LocalAddrKey.Length] != ':') _platform ??= DevicePlatform.IosXe;
                    _localAddress = _pool.Get(AfterKey(part, LocalAddrKey));
                    CheckRedacted(_localAddress, line, ctx);
                }
            }
        }

        private bool ParseIdent(ReadOnlySpan<char> t, bool local, in CaptureLine line, ParseContext ctx)
        {
            int open = t.LastIndexOf('(');
            int close = t.LastIndexOf(')');
            if (open < 0) return false;
            // An open value must follow the label's ':' ("local ident (ad" is a cut label, not a value).
            if (close < open && (t.Slice(open + 1).TrimWhiteSpace().IsEmpty || t.Slice(0, open).IndexOf(':') < 0)) return false;
            var e = local ? EntryForNewField(ctx, identField: _entryHasIdent && Entry().LocalIdent != null) : Entry();
            if (local && (_entrySaCount > 0 || _entryHasSaHeaders)) e = EntryForNewField(ctx, identField: true);
            Touch(line);
            _entryHasIdent = true;
            if (close < open)
            {
                // "(10.1.1.0/255.255.255.0/0/0" without its ")": wrapped onto the next line, or cut. The next line decides
            // (a tail holds no space: an IPv6 tail may hold ':', a "name: value" line never lacks its space).
                _openIdent = new OpenIdent(e, local, t.Slice(open + 1).TrimWhiteSpace().ToString(), line.Number, line.Raw.ToString());
                return true;
            }
            SetIdent(e, local, t.Slice(open + 1, close - open - 1).TrimWhiteSpace(), line, ctx);
            return true;
        }

        /// <summary>An ident printed without its closing parenthesis, waiting for the next line.</summary>
        private sealed class OpenIdent
        {
            public OpenIdent(IpsecSa entry, bool local, string body, int line, string raw)
            {
                Entry = entry; Local = local; Body = body; Line = line; Raw = raw;
            }

            public readonly IpsecSa Entry;
            public readonly bool Local;
            public readonly string Body;
            public readonly int Line;
            public readonly string Raw;
        }

        private OpenIdent? _openIdent;

        /// <summary>
        /// Ends an ident left open by the previous line: a next line holding only its tail ("55.255.0/0/0)") is
        /// rejoined to it; otherwise the ident is read as printed, to the end of its line. True when this line was the tail.
        /// </summary>
        private bool FinishOpenIdent(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var open = _openIdent!;
            _openIdent = null;
            if (!t.IsEmpty && t[t.Length - 1] == ')' && t.IndexOfAny(' ', '(', '=') < 0 && t.IndexOf('#') < 0)
            {
                SetIdent(open.Entry, open.Local, (open.Body + t.Slice(0, t.Length - 1).ToString()).AsSpan(), line, ctx);
                ctx.Report(DiagnosticCodes.WrappedLine, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    "the ident was wrapped onto this line; the parts were rejoined");
                return true;
            }
            var cut = new CaptureLine(open.Line, open.Body.AsSpan(), 0, open.Raw.AsSpan());
            ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, cut.Number, cut.Raw,
                "the ident's closing parenthesis is missing; it was read to the end of the line");
            SetIdent(open.Entry, open.Local, cut.Text, cut, ctx);
            return false;
        }

        private void SetIdent(IpsecSa e, bool local, ReadOnlySpan<char> body, in CaptureLine line, ParseContext ctx)
        {
            // addr/mask/prot/port, where an IPv6 address holds no '/', so split from the right.
            int p3 = body.LastIndexOf('/');
            int p2 = p3 > 0 ? body.Slice(0, p3).LastIndexOf('/') : -1;
            int p1 = p2 > 0 ? body.Slice(0, p2).LastIndexOf('/') : -1;
            string ident = _pool.Get(body);
            string? addr = null, mask = null;
            int? prot = null, port = null;
            if (p1 > 0)
            {
                addr = _pool.Get(body.Slice(0, p1));
                mask = _pool.Get(body.Slice(p1 + 1, p2 - p1 - 1));
                prot = ParseText.Int32OrReport(body.Slice(p2 + 1, p3 - p2 - 1), ctx, line, "ident protocol");
                port = ParseText.Int32OrReport(body.Slice(p3 + 1), ctx, line, "ident port");
            }
            else
            {
                ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    "ident is not addr/mask/prot/port; it is kept as printed");
            }
            if (local)
            {
                e.LocalIdent = ident; e.LocalIdentAddress = addr; e.LocalIdentMask = mask; e.LocalIdentProtocol = prot; e.LocalIdentPort = port;
            }
            else
            {
                e.RemoteIdent = ident; e.RemoteIdentAddress = addr; e.RemoteIdentMask = mask; e.RemoteIdentProtocol = prot; e.RemoteIdentPort = port;
            }
        }

        private void ParsePeer(ReadOnlySpan<char> rest, in CaptureLine line, ParseContext ctx)
        {
            var e = Entry();
            Touch(line);
            rest = rest.TrimWhiteSpace();
            // ASA "current_peer: P"; IOS "current_peer P port 500", where P may be the IPv6 "::".
            if (!rest.IsEmpty && rest[0] == ':' && (rest.Length == 1 || rest[1] != ':')) rest = rest.Slice(1).TrimWhiteSpace();
            // ASA: "P[, username: U]"; IOS: "P port 500"
            int comma = rest.IndexOf(',');
            var peer = comma >= 0 ? rest.Slice(0, comma).TrimWhiteSpace() : rest;
            int portAt = peer.IndexOfIgnoreCase(PortKey);
            if (portAt > 0)
            {
                _platform ??= DevicePlatform.IosXe;
                e.PeerPort = ParseText.Int32OrReport(peer.Slice(portAt + PortKey.Length), ctx, line, "peer port");
                peer = peer.Slice(0, portAt).TrimWhiteSpace();
            }
            e.Peer = _pool.Get(peer);
            CheckRedacted(e.Peer, line, ctx);
            if (comma >= 0)
            {
                var tail = rest.Slice(comma + 1).TrimWhiteSpace();
                if (tail.StartsWithIgnoreCase("username")) e.Username = AfterKey(tail, "username").ToString();
                else AppendOther(e, tail);
            }
        }

        private bool _counterOverflow;

        private bool ParseCounters(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            if (_subset && (_entry == null || _entryFirstCounter == null))
            {
                Entry();
                _entryFirstCounter = FirstCounterName(t).ToString();
            }
            _counterOverflow = false;
            bool used = ParseCountersCore(t, line, ctx);
            return used && !_counterOverflow;
        }

        private bool ParseCountersCore(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var e = Entry();
            Touch(line);
            bool any = false;
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                // "#pkts encaps: 0", "#pkts no sa (send) 0", "##pkts replay failed (rcv): 0", "#send errors 0"
                // The number follows the last space; it is short, so look back from the end.
                int sp = part.Length - 1;
                while (sp >= 0 && part[sp] != ' ') sp--;
                if (sp < 0) return any;
                var number = part.Slice(sp + 1);
                var name = part.Slice(0, sp).TrimEnd().TrimEnd(':').TrimWhiteSpace().TrimStart('#');
                if (!SpanNumber.TryParseInt64(number, out long v))
                {
                    ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        $"counter '{name.ToString()}' has no number ('{number.ToString()}')");
                    any = true;
                    continue;
                }
                SetCounter(e, name, v);
                any = true;
            }
            return any;
        }

        private void SetCounter(IpsecSa e, ReadOnlySpan<char> name, long v)
        {
            if (IpsecSaCounters.TrySet(e, name, v)) return;
            // Unusual spacing: normalise and look again.
            string n = Normalize(name);
            if (IpsecSaCounters.TrySet(e, n.AsSpan(), v)) return;
            if (e.OtherCounters?.Length > MaxAccumulated)
            {
                _counterOverflow = true;
                return;
            }
            e.OtherCounters = e.OtherCounters == null ? n + "=" + v : e.OtherCounters + ";" + n + "=" + v;
        }

        private static string Normalize(ReadOnlySpan<char> name)
        {
            var sb = new StringBuilder(name.Length);
            bool space = false;
            foreach (char c in name)
            {
                if (c == ' ')
                {
                    space = sb.Length > 0;
                    continue;
                }
                if (space) sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }

        private bool ParseEndpoints(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var e = Entry();
            Touch(line);
            bool any = false;
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                int colon = part.IndexOf(':');
                if (colon < 0) continue;
                bool local = part.StartsWithIgnoreCase("local");
                var value = part.Slice(colon + 1).TrimWhiteSpace();
                int? port = null;
                int slash = value.LastIndexOf('/');
                if (slash > 0 && SpanNumber.TryParseInt32(value.Slice(slash + 1), out int p))
                {
                    port = p;
                    value = value.Slice(0, slash);
                }
                string addr = _pool.Get(value);
                CheckRedacted(addr, line, ctx);
                if (local) { e.LocalEndpoint = addr; e.LocalEndpointPort = port; }
                else { e.RemoteEndpoint = addr; e.RemoteEndpointPort = port; }
                any = true;
            }
            return any;
        }

        private bool ParseMtuLine(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var e = Entry();
            Touch(line);
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                char c0 = (char)(part[0] | 0x20);
                if (c0 != 'p' && c0 != 'i' && c0 != 'm') AppendOther(e, part);
                else if (part.StartsWithIgnoreCase(PathMtuKey)) e.PathMtu = ParseText.Int32OrReport(part.Slice(PathMtuKey.Length), ctx, line, "path mtu");
                else if (part.StartsWithIgnoreCase(IpsecOverheadKey))
                {
                    var v = part.Slice(IpsecOverheadKey.Length).TrimWhiteSpace();
                    int paren = v.IndexOf('(');
                    if (paren > 0)
                    {
                        AppendOther(e, "ipsec overhead".AsSpan(), v);
                        v = v.Slice(0, paren);
                    }
                    e.IpsecOverhead = ParseText.Int32OrReport(v, ctx, line, "ipsec overhead");
                }
                else if (part.StartsWithIgnoreCase(MediaMtuKey)) e.MediaMtu = ParseText.Int32OrReport(part.Slice(MediaMtuKey.Length), ctx, line, "media mtu");
                else if (part.StartsWithIgnoreCase(PlaintextMtuKey)) { _platform ??= DevicePlatform.IosXe; e.PlaintextMtu = ParseText.Int32OrReport(part.Slice(PlaintextMtuKey.Length), ctx, line, "plaintext mtu"); }
                else if (part.StartsWithIgnoreCase(IpMtuIdbKey)) e.IpMtuInterface = part.Slice(IpMtuIdbKey.Length).TrimWhiteSpace().ToString();
                else if (part.StartsWithIgnoreCase(Ipv6MtuIdbKey)) e.IpMtuInterface = part.Slice(Ipv6MtuIdbKey.Length).TrimWhiteSpace().ToString();
                else if (part.StartsWithIgnoreCase(IpMtuKey)) e.IpMtu = ParseText.Int32OrReport(part.Slice(IpMtuKey.Length), ctx, line, "ip mtu");
                else if (part.StartsWithIgnoreCase(Ipv6MtuKey)) e.IpMtu = ParseText.Int32OrReport(part.Slice(Ipv6MtuKey.Length), ctx, line, "ipv6 mtu");
                else AppendOther(e, part);
            }
            return true;
        }

        private string? ParseCurrentSpi(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            Touch(line);
            int colon = t.IndexOf(':');
            if (colon < 0) return null;
            var v = t.Slice(colon + 1).TrimWhiteSpace();
            long? printed = null;
            int paren = v.IndexOf('(');
            if (paren > 0)
            {
                _platform ??= DevicePlatform.IosXe;
                int close = v.IndexOf(')');
                if (close > paren && SpanNumber.TryParseInt64(v.Slice(paren + 1, close - paren - 1), out long d)) printed = d;
                v = v.Slice(0, paren).TrimWhiteSpace();
            }
            else if (!v.StartsWithIgnoreCase("0x"))
            {
                _platform ??= DevicePlatform.Asa;
            }
            var spi = ParseText.HexOrReport(v, ctx, line, "current spi", out long? value);
            if (printed.HasValue && value.HasValue && printed.Value != value.Value)
                ctx.Report(DiagnosticCodes.SpiDecimalMismatch, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    $"the hex {spi} is {value} but {printed} is printed beside it; the hex is kept");
            return spi;
        }

        private void ParsePfsLine(ReadOnlySpan<char> t)
        {
            var e = Entry();
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                int colon = part.IndexOf(':');
                if (colon < 0) continue;
                var key = part.Slice(0, colon).TrimWhiteSpace();
                var value = part.Slice(colon + 1).TrimWhiteSpace();
                if (key.StartsWithIgnoreCase("PFS")) e.Pfs = value.StartsWithIgnoreCase("Y");
                else if (key.StartsWithIgnoreCase("DH group")) e.DhGroup = value.ToString();
                else AppendOther(e, part);
            }
        }

        // ---------------------------------------------------------------- SAs

        private bool TrySectionHeader(ReadOnlySpan<char> t, ParseContext ctx)
        {
            bool inbound = t.StartsWithIgnoreCase(InboundKey);
            bool outbound = t.StartsWithIgnoreCase(OutboundKey);
            if (!inbound && !outbound) return false;
            var rest = t.Slice(inbound ? InboundKey.Length : OutboundKey.Length).TrimWhiteSpace();
            string? proto = rest.StartsWithIgnoreCase("esp sas") ? "esp" : rest.StartsWithIgnoreCase("ah sas") ? "ah" : rest.StartsWithIgnoreCase("pcp sas") ? "pcp" : null;
            if (proto == null) return false;
            CloseSa(ctx);
            Entry();
            _entryHasSaHeaders = true;
            _direction = inbound ? SaDirection.Inbound : SaDirection.Outbound;
            _protocol = proto;
            return true;
        }

        private void StartSa(ReadOnlySpan<char> value, in CaptureLine line, ParseContext ctx)
        {
            CloseSa(ctx);
            var e = Entry();
            var sa = e.CloneEntry();
            sa.Line = line.Number;
            sa.LastLine = line.Number;
            sa.Direction = _direction;
            sa.Protocol = _protocol;
            if (_direction == null && !_subset)
                ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    "SA listed before any 'inbound/outbound … sas:' header; its direction is unknown");
            if (!value.StartsWithIgnoreCase("[Not Available]"))
            {
                // "0xCF559E0D (3478494733)" or "0x50304C8(84083912)"
                long? printed = null;
                int paren = value.IndexOf('(');
                var hex = value;
                if (paren > 0)
                {
                    int close = value.IndexOf(')');
                    if (close > paren && SpanNumber.TryParseInt64(value.Slice(paren + 1, close - paren - 1), out long d)) printed = d;
                    hex = value.Slice(0, paren).TrimWhiteSpace();
                }
                sa.Spi = ParseText.HexOrReport(hex, ctx, line, "spi", out long? v);
                sa.SpiValue = v;
                sa.SpiPrintedDecimal = printed;
                if (printed.HasValue && v.HasValue && printed.Value != v.Value)
                {
                    sa.SpiDecimalMismatch = true;
                    ctx.Report(DiagnosticCodes.SpiDecimalMismatch, DiagnosticSeverity.Warning, line.Number, line.Raw,
                        $"SPI {sa.Spi} is {v} but {printed} is printed beside it (the capture was edited); the hex is kept");
                }
            }
            if (_direction == null && _subset && sa.Spi != null)
            {
                // The filter removed the "inbound/outbound esp sas:" headers: the entry's current SPIs still tell
                // the direction of the SAs they name (not when one SPI is both, as with manual keys).
                bool outbound = sa.Spi == e.CurrentOutboundSpi, inbound = sa.Spi == e.CurrentInboundSpi;
                if (outbound != inbound) sa.Direction = outbound ? SaDirection.Outbound : SaDirection.Inbound;
            }
            _sa = sa;
            _saTimingSeen = false;
            _inBitmap = false;
        }

        private bool AcceptSaField(ReadOnlySpan<char> t, in CaptureLine line, ParseContext ctx)
        {
            var sa = _sa!;
            char c0 = t[0];
            switch (c0 < 128 ? (char)(c0 | 0x20) : c0)
            {
                case 's':
                    if (t.StartsWithIgnoreCase("sa timing:")) ParseTiming(t, sa, line, ctx);
                    else if (t.StartsWithIgnoreCase(SlotKey)) ParseConnLine(t, sa, line, ctx);
                    else if (t.StartsWithIgnoreCase("SA State:")) { _platform ??= DevicePlatform.Asa; sa.State = Value(t, "SA State:"); }
                    else if (t.StartsWithIgnoreCase("Status:")) { _platform ??= DevicePlatform.IosXe; sa.Status = Value(t, "Status:"); }
                    else return false;
                    break;
                case 't':
                    if (t.StartsWithIgnoreCase(TransformKey)) sa.Transform = _pool.Get(t.Slice(TransformKey.Length).TrimWhiteSpace().TrimEnd(',').TrimWhiteSpace());
                    else return false;
                    break;
                case 'i':
                    if (t.StartsWithIgnoreCase("in use settings")) ParseSettings(t, sa);
                    else if (t.StartsWithIgnoreCase(IvSizeKey))
                    {
                        var v = t.Slice(IvSizeKey.Length).TrimWhiteSpace();
                        int sp = v.IndexOf(' ');
                        sa.IvSizeBytes = ParseText.Int32OrReport(sp > 0 ? v.Slice(0, sp) : v, ctx, line, "IV size");
                    }
                    else return false;
                    break;
                case 'c':
                    if (t.StartsWithIgnoreCase("conn id:") || t.StartsWithIgnoreCase("conn_id:")) ParseConnLine(t, sa, line, ctx);
                    else return false;
                    break;
                case 'n':
                    // IOS manually keyed SAs (OSPFv3 authentication, static keys) have no lifetime.
                    if (t.StartsWithIgnoreCase("no sa timing"))
                    {
                        _saTimingSeen = true;
                        AppendOther(sa, t);
                    }
                    else return false;
                    break;
                case 'k':
                    if (t.StartsWithIgnoreCase("Kilobyte Volume Rekey has been disabled")) { sa.VolumeRekeyDisabled = true; _platform ??= DevicePlatform.IosXe; }
                    else if (t.StartsWithIgnoreCase("Kilobyte Volume Rekey has been enabled")) sa.VolumeRekeyDisabled = false;
                    else return false;
                    break;
                case 'r':
                    if (t.StartsWithIgnoreCase(ReplayDetectionKey))
                    {
                        var v = t.Slice(ReplayDetectionKey.Length).TrimWhiteSpace();
                        sa.ReplayDetection = v.StartsWithIgnoreCase("Y");
                        int w = v.IndexOfIgnoreCase(ReplayWindowKey);
                        if (w >= 0) sa.ReplayWindowSize = ParseText.Int32OrReport(v.Slice(w + ReplayWindowKey.Length), ctx, line, "replay window size");
                    }
                    else return false;
                    break;
                case 'a':
                    if (t.StartsWithIgnoreCase(AntiReplayBitmapKey))
                    {
                        _platform ??= DevicePlatform.Asa;
                        var v = t.Slice(AntiReplayBitmapKey.Length).TrimWhiteSpace();
                        if (!v.IsEmpty) sa.AntiReplayBitmap = _pool.Get(v);
                        _inBitmap = true;
                    }
                    else return false;
                    break;
                default:
                    return false;
            }
            sa.LastLine = line.Number;
            return true;
        }

        /// <summary>What one <c>in use settings</c> list says.</summary>
        private sealed class SettingsReading
        {
            public string? TunnelType;
            public string? Mode;
            public string? IkeVersion;
            public int? PfsGroup;
            public bool NatTraversal;
            public string? Settings;

            public void ApplyTo(IpsecSa sa)
            {
                if (TunnelType != null) sa.TunnelType = TunnelType;
                if (Mode != null) sa.Mode = Mode;
                if (IkeVersion != null) sa.IkeVersion = IkeVersion;
                if (PfsGroup != null) sa.PfsGroup = PfsGroup;
                if (NatTraversal) sa.NatTraversal = true;
                sa.Settings = Settings;
            }
        }

        private void ParseSettings(ReadOnlySpan<char> t, IpsecSa sa)
        {
            int open = t.IndexOf('{'), close = t.LastIndexOf('}');
            var body = open >= 0 ? (close > open ? t.Slice(open + 1, close - open - 1) : t.Slice(open + 1)) : t.Slice(t.IndexOf('=') + 1);
            _settings.Get(body).ApplyTo(sa);
        }

        private SettingsReading ReadSettings(ReadOnlySpan<char> body)
        {
            var r = new SettingsReading();
            if (_scratch.Length < body.Length * 2 + 2) _scratch = new char[body.Length * 2 + 2];
            int n = 0;
            var rest = body;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                if (n > 0) { _scratch[n++] = ','; _scratch[n++] = ' '; }
                part.CopyTo(_scratch.AsSpan(n));
                n += part.Length;
                switch (part[0] | 0x20)
                {
                    case 'l':
                        if (part.EqualsIgnoreCase("L2L")) r.TunnelType = "L2L";
                        break;
                    case 'r':
                        if (part.EqualsIgnoreCase("RA")) r.TunnelType = "RA";
                        break;
                    case 't':
                        if (part.StartsWithIgnoreCase("Tunnel")) r.Mode = "Tunnel";
                        else if (part.StartsWithIgnoreCase("Transport")) r.Mode = "Transport";
                        break;
                    case 'i':
                        if (part.StartsWithIgnoreCase("IKEv1")) r.IkeVersion = "IKEv1";
                        else if (part.StartsWithIgnoreCase("IKEv2")) r.IkeVersion = "IKEv2";
                        break;
                    case 'p':
                        if (part.StartsWithIgnoreCase(PfsGroupKey) && SpanNumber.TryParseInt32(part.Slice(PfsGroupKey.Length), out int g)) r.PfsGroup = g;
                        break;
                }
            }
            // Neither marker holds a comma, so looking once in the whole list is looking in each setting.
            r.NatTraversal = body.IndexOfIgnoreCase("NAT-T") >= 0 || body.IndexOfIgnoreCase("UDP-Encaps") >= 0;
            r.Settings = n == 0 ? null : _pool.Get(new ReadOnlySpan<char>(_scratch, 0, n));
            return r;
        }

        private void ParseConnLine(ReadOnlySpan<char> t, IpsecSa sa, in CaptureLine line, ParseContext ctx)
        {
            var rest = t;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                if (part.IsEmpty) continue;
                bool known = true;
                switch (part[0] | 0x20)
                {
                    case 's':
                        if (part.StartsWithIgnoreCase(SlotKey)) sa.Slot = ParseText.Int32OrReport(part.Slice(SlotKey.Length), ctx, line, "slot");
                        else if (part.StartsWithIgnoreCase(SiblingFlagsKey)) sa.SiblingFlags = _pool.Get(part.Slice(SiblingFlagsKey.Length).TrimWhiteSpace());
                        else known = false;
                        break;
                    case 'c':
                        if (part.StartsWithIgnoreCase(AsaConnIdKey)) { _platform ??= DevicePlatform.Asa; sa.ConnectionId = ParseText.Int64OrReport(part.Slice(AsaConnIdKey.Length), ctx, line, "conn_id"); }
                        else if (part.StartsWithIgnoreCase(IosConnIdKey)) { _platform ??= DevicePlatform.IosXe; sa.ConnectionId = ParseText.Int64OrReport(part.Slice(IosConnIdKey.Length), ctx, line, "conn id"); }
                        else if (part.StartsWithIgnoreCase(AsaCryptoMapKey)) sa.SaCryptoMap = _pool.Get(part.Slice(AsaCryptoMapKey.Length).TrimWhiteSpace());
                        else if (part.StartsWithIgnoreCase(IosCryptoMapKey)) sa.SaCryptoMap = _pool.Get(part.Slice(IosCryptoMapKey.Length).TrimWhiteSpace());
                        else known = false;
                        break;
                    case 'f':
                        if (part.StartsWithIgnoreCase(FlowIdKey)) sa.FlowId = part.Slice(FlowIdKey.Length).TrimWhiteSpace().ToString();
                        else known = false;
                        break;
                    case 'i':
                        if (part.StartsWithIgnoreCase("initiator"))
                        {
                            var v = part.Slice(part.IndexOf(':') + 1).TrimWhiteSpace();
                            sa.Initiator = v.StartsWithIgnoreCase("T") ? true : v.StartsWithIgnoreCase("F") ? false : (bool?)null;
                        }
                        else known = false;
                        break;
                    default:
                        known = false;
                        break;
                }
                if (!known) AppendOther(sa, part);
            }
        }

        private void ParseTiming(ReadOnlySpan<char> t, IpsecSa sa, in CaptureLine line, ParseContext ctx)
        {
            _saTimingSeen = true;
            // "(kB/sec): (4373958/27285)", "(k/sec): (4608000/656)", "(sec): 548", "is not applicable", "1 hours, 10 mins"
            if (t.IndexOfIgnoreCase("k/sec") >= 0 || t.IndexOfIgnoreCase("kB/sec") >= 0)
            {
                if (t.IndexOfIgnoreCase("(k/sec)") >= 0) _platform ??= DevicePlatform.IosXe;
                else _platform ??= DevicePlatform.Asa;
                int open = t.LastIndexOf('('), slash = t.LastIndexOf('/'), close = t.LastIndexOf(')');
                if (open >= 0 && slash > open && close > slash)
                {
                    sa.RemainingKilobytes = ParseText.Int64OrReport(t.Slice(open + 1, slash - open - 1), ctx, line, "remaining kB");
                    sa.RemainingSeconds = ParseText.Int64OrReport(t.Slice(slash + 1, close - slash - 1), ctx, line, "remaining seconds");
                    return;
                }
            }
            else if (t.IndexOfIgnoreCase(SecondsKey) >= 0)
            {
                sa.RemainingSeconds = ParseText.Int64OrReport(t.Slice(t.IndexOfIgnoreCase(SecondsKey) + SecondsKey.Length), ctx, line, "remaining seconds");
                return;
            }
            else if (t.IndexOfIgnoreCase("not applicable") >= 0)
            {
                return;
            }
            else
            {
                int at = t.IndexOfIgnoreCase(LifetimeKey);
                var v = at >= 0 ? t.Slice(at + LifetimeKey.Length).TrimWhiteSpace() : default;
                if (TryParseDuration(v, out long seconds))
                {
                    sa.RemainingSeconds = seconds;
                    return;
                }
            }
            ctx.Report(DiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                "the SA's remaining lifetime could not be read");
        }

        /// <summary>"1 hours, 10 mins", "10 mins", "45 secs".</summary>
        private static bool TryParseDuration(ReadOnlySpan<char> v, out long seconds)
        {
            seconds = 0;
            bool any = false;
            var rest = v;
            while (!rest.IsEmpty)
            {
                var part = ParseText.NextField(ref rest, ',');
                int sp = part.IndexOf(' ');
                if (sp <= 0 || !SpanNumber.TryParseInt64(part.Slice(0, sp), out long n)) return false;
                var unit = part.Slice(sp + 1).TrimWhiteSpace();
                if (unit.StartsWithIgnoreCase("day")) seconds += n * 86400;
                else if (unit.StartsWithIgnoreCase("hour")) seconds += n * 3600;
                else if (unit.StartsWithIgnoreCase("min")) seconds += n * 60;
                else if (unit.StartsWithIgnoreCase("sec")) seconds += n;
                else return false;
                any = true;
            }
            return any;
        }

        private void CloseSa(ParseContext ctx)
        {
            var sa = _sa;
            if (sa == null) return;
            _sa = null;
            _inBitmap = false;
            var e = _entry!;
            sa.Platform = PlatformName(_platform);
            sa.IsCurrentOutbound = sa.Direction == SaDirection.Outbound && sa.Spi != null && sa.Spi == e.CurrentOutboundSpi;
            sa.IsCurrentInbound = sa.Direction == SaDirection.Inbound && sa.Spi != null && sa.Spi == e.CurrentInboundSpi;
            // Entry fields printed after the SA list began (rare) still reach the SA.
            sa.CurrentOutboundSpi ??= e.CurrentOutboundSpi;
            sa.CurrentInboundSpi ??= e.CurrentInboundSpi;
            if (_subset || _headless)
            {
                // Filtered output: what the filter removed is unknown, so the record is partial whatever it holds.
                sa.Incomplete = true;
            }
            else if (sa.Transform == null || !_saTimingSeen)
            {
                sa.Incomplete = true;
                ctx.Report(DiagnosticCodes.TruncatedRecord, DiagnosticSeverity.Warning, sa.Line, default,
                    $"SA {sa.Spi ?? "(no SPI)"} (lines {sa.Line}-{sa.LastLine}) is incomplete: {(sa.Transform == null ? "no transform" : "no lifetime")} was printed before it ended");
            }
            _entrySaCount++;
            ctx.Emit(sa);
        }

        public void Complete(ParseContext context)
        {
            if (_openIdent != null) FinishOpenIdent(default, default, context);
            CloseEntry(context);
        }

        // ---------------------------------------------------------------- helpers

        // Keywords whose value follows them on the line.
        private const string SpiKey = "spi:";
        private const string LocalAddrKey = "local addr";
        private const string PortKey = " port ";
        private const string PathMtuKey = "path mtu ";
        private const string IpsecOverheadKey = "ipsec overhead ";
        private const string MediaMtuKey = "media mtu ";
        private const string PlaintextMtuKey = "plaintext mtu ";
        private const string IpMtuIdbKey = "ip mtu idb ";
        private const string Ipv6MtuIdbKey = "ipv6 mtu idb ";
        private const string IpMtuKey = "ip mtu ";
        private const string Ipv6MtuKey = "ipv6 mtu ";
        private const string InboundKey = "inbound ";
        private const string OutboundKey = "outbound ";
        private const string TransformKey = "transform:";
        private const string IvSizeKey = "IV size:";
        private const string ReplayDetectionKey = "replay detection support:";
        private const string ReplayWindowKey = "replay window size:";
        private const string AntiReplayBitmapKey = "Anti replay bitmap:";
        private const string PfsGroupKey = "PFS Group";
        private const string SlotKey = "slot:";
        private const string SiblingFlagsKey = "sibling_flags";
        private const string AsaConnIdKey = "conn_id:";
        private const string IosConnIdKey = "conn id:";
        private const string AsaCryptoMapKey = "crypto-map:";
        private const string IosCryptoMapKey = "crypto map:";
        private const string FlowIdKey = "flow_id:";
        private const string SecondsKey = "(sec):";
        private const string LifetimeKey = "lifetime";

        /// <summary>The <see cref="IpsecSa.Platform"/> text of a dialect.</summary>
        private static string? PlatformName(DevicePlatform? platform) => platform switch
        {
            DevicePlatform.Asa => PlatformNames.Asa,
            DevicePlatform.IosXe => PlatformNames.Ios,
            _ => null,
        };

        private string Value(ReadOnlySpan<char> t, string key) => _pool.Get(t.Slice(key.Length).TrimWhiteSpace());

        private static ReadOnlySpan<char> AfterKey(ReadOnlySpan<char> part, string key)
        {
            var v = part.Slice(key.Length).TrimWhiteSpace();
            if (!v.IsEmpty && v[0] == ':') v = v.Slice(1).TrimWhiteSpace();
            return v;
        }

        private static string? NullIfEmpty(ReadOnlySpan<char> v) => v.IsEmpty ? null : v.ToString();

        /// <summary>Keeps a field SpiTools has no property for: "name: value" becomes "name=value" in OtherSettings.</summary>
        private void AppendOther(IpsecSa target, ReadOnlySpan<char> part)
        {
            int colon = part.IndexOf(':');
            if (colon > 0) AppendOther(target, part.Slice(0, colon).TrimWhiteSpace(), part.Slice(colon + 1).TrimWhiteSpace());
            else AppendOther(target, part, default, separated: false);
        }

        private void AppendOther(IpsecSa target, ReadOnlySpan<char> key, ReadOnlySpan<char> value, bool separated = true)
        {
            if (target.OtherSettings?.Length > MaxAccumulated) return;
            // Appended to the ';'-joined list; pooled, since entries repeat them.
            var existing = target.OtherSettings;
            int len = (existing?.Length + 1 ?? 0) + key.Length + 1 + value.Length;
            if (_scratch.Length < len) _scratch = new char[len * 2];
            int n = 0;
            if (existing != null)
            {
                existing.AsSpan().CopyTo(_scratch);
                n = existing.Length;
                _scratch[n++] = ';';
            }
            key.CopyTo(_scratch.AsSpan(n)); n += key.Length;
            if (separated)
            {
                _scratch[n++] = '=';
                value.CopyTo(_scratch.AsSpan(n)); n += value.Length;
            }
            target.OtherSettings = _pool.Get(new ReadOnlySpan<char>(_scratch, 0, n));
        }

        private static void CheckRedacted(string? value, in CaptureLine line, ParseContext ctx)
        {
            if (value != null && ParseText.LooksRedacted(value.AsSpan()))
                ctx.Report(DiagnosticCodes.RedactedValue, DiagnosticSeverity.Warning, line.Number, line.Raw,
                    $"'{value}' was redacted; it is kept as printed");
        }

        private static bool LooksLikeAclContinuation(ReadOnlySpan<char> t)
        {
            // The tail of an ACE: addresses, masks, "host", "eq", "range", ports, object names: no ':' and no '='.
            return t.IndexOf(':') < 0 && t.IndexOf('=') < 0 && t.IndexOf('#') < 0;
        }
    }
}
