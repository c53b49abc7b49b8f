using System;

namespace SpiTools.Parsing
{
    // The parser's state: the entry being read (its header fields, cloned into each SA) and the SA being read, and how
    // each is opened and closed.
    internal sealed partial class IpsecSaParser
    {
        private string? _interface;
        private string? _cryptoMap;
        private int? _seq;
        private string? _localAddress;
        private string? _peerHeader;

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

        private char[] _scratch = new char[128];

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
                r.Platform = PlatformName();
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

        private void CloseSa(ParseContext ctx)
        {
            var sa = _sa;
            if (sa == null) return;
            _sa = null;
            _inBitmap = false;
            var e = _entry!;
            sa.Platform = PlatformName();
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
    }
}
