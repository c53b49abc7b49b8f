using System;

namespace SpiTools.Parsing
{
    // Filtered output ("| include", "| begin"): where an entry starts when the filter removed its header lines.
    internal sealed partial class IpsecSaParser
    {
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
    }
}
