using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// Reads <c>show crypto ipsec sa</c> (ASA / FTD and IOS / IOS-XE dialects) into one <see cref="IpsecSa"/> per
    /// SA block, each carrying its entry's fields. Keyword-driven, so lost or doubled indentation does not matter.
    /// An SA is emitted as soon as its block ends (next SA, next section header, next entry, end of output).
    /// An entry printed without any SA block still yields one record (Spi null) so its counters are not lost.
    /// This file holds the dispatch on each line's first character; the state is in <c>IpsecSaParser.State.cs</c>, the
    /// readers of each kind of line in the other <c>IpsecSaParser.*.cs</c> files (entry fields, idents, counters, SA
    /// fields, filtered output), the dialect in <c>IpsecSaParser.Platform.cs</c>.
    /// </summary>
    internal sealed partial class IpsecSaParser : ISectionParser
    {
        // SAs usually repeat an "in use settings" list already read, to the letter; a device has a few tunnel profiles.
        private readonly SettingsCache<IpsecSaSettingsReading> _settings;

        /// <summary>The number of distinct <c>in use settings</c> lists whose readings are kept (0: each list is read).</summary>
        internal const int SettingsSlots = 8;

        public IpsecSaParser() : this(SettingsSlots)
        {
        }

        /// <summary>A parser keeping the readings of <paramref name="settingsSlots"/> settings lists (tests compare 0 with the default).</summary>
        internal IpsecSaParser(int settingsSlots)
        {
            _settings = new SettingsCache<IpsecSaSettingsReading>(settingsSlots, ReadSettings);
        }

        /// <summary>Longest text gathered from several lines into one field; beyond it, lines are reported, not stored.</summary>
        internal const int MaxAccumulated = 8192;

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
                        SeenIos();
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

        public void Complete(ParseContext context)
        {
            if (_openIdent != null) FinishOpenIdent(default, default, context);
            CloseEntry(context);
        }
    }
}
