using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace SpiTools.Parsing
{
    /// <summary>
    /// Finds where a second line of <c>show crypto ipsec sa</c> output starts inside a line that holds two
    /// (<c>current outbound spi: A19EC57E inbound esp sas:</c>). A speed-up of a plain search of every position
    /// for every keyword; <c>JoinedLineSearchTests</c> holds it to that plain search.
    /// </summary>
    internal static class JoinedLineSearch
    {
        /// <summary>Keywords that begin a line of this output; found later in a line, they mark where two lines were joined.</summary>
        internal static readonly string[] Keywords =
        {
            "inbound esp sas:", "outbound esp sas:", "inbound ah sas:", "outbound ah sas:", "inbound pcp sas:", "outbound pcp sas:",
            "current inbound spi", "current outbound spi", "local crypto endpt", "remote crypto endpt",
        };

        /// <summary>
        /// Where a second line of output starts inside this one (a keyword that begins a line, found after the
        /// start), or -1. "local crypto endpt.: A, remote crypto endpt.: B" is one device line, not a join.
        /// </summary>
        internal static int FindJoinedStart(ReadOnlySpan<char> t)
        {
            // Every keyword holds one "nd" (inbou-nd, e-nd-pt), a known number of characters from its start, so each
            // "nd" in the line names the few places a keyword could start. Most lines hold no "nd" where a keyword
            // starting at 1 or later would put it, and cost one vectorised scan.
            int best = -1;
            int anchor = FindAnchor(t, 1 + AnchorMin);
            while (anchor >= 0 && (best < 0 || anchor - AnchorMax < best))
            {
                for (int i = 0; i < Keywords.Length; i++)
                {
                    int at = anchor - AnchorOffsets[i];
                    if (at < 1 || (best >= 0 && at >= best)) continue;
                    if (!t.Slice(at).StartsWithIgnoreCase(Keywords[i])) continue;
                    if (LineLevel[i] && IsPrefixedPart(t, at)) continue;
                    best = at;
                }
                anchor = FindAnchor(t, anchor + 1);
            }
            return best;
        }

        /// <summary>True for a keyword that may follow a comma on one device line ("…, remote crypto endpt.: B").</summary>
        internal static bool IsLineLevel(string keyword) =>
            keyword.StartsWith("current", StringComparison.Ordinal) || keyword.StartsWith("local", StringComparison.Ordinal) || keyword.StartsWith("remote", StringComparison.Ordinal);

        private const string Anchor = "nd";

        // Where each keyword's "nd" stands, and the least and greatest of those offsets.
        private static readonly int[] AnchorOffsets = AnchorOffsetsOf(Keywords);
        private static readonly int AnchorMin = System.Linq.Enumerable.Min(AnchorOffsets);
        private static readonly int AnchorMax = System.Linq.Enumerable.Max(AnchorOffsets);
        private static readonly bool[] LineLevel = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(Keywords, IsLineLevel));

        private static int[] AnchorOffsetsOf(string[] keywords)
        {
            var offsets = new int[keywords.Length];
            for (int i = 0; i < keywords.Length; i++)
            {
                int first = keywords[i].IndexOf(Anchor, StringComparison.Ordinal);
                if (first < 0 || keywords[i].IndexOf(Anchor, first + 1, StringComparison.Ordinal) >= 0)
                    throw new InvalidOperationException($"joined-line keyword '{keywords[i]}' must hold exactly one '{Anchor}'");
                offsets[i] = first;
            }
            return offsets;
        }

        /// <summary>Index of the first "nd" (either case) at or after <paramref name="from"/>, or -1.</summary>
        internal static int FindAnchor(ReadOnlySpan<char> t, int from)
        {
            int i = Math.Max(0, from);
#if NET8_0_OR_GREATER
            if (Vector128.IsHardwareAccelerated && t.Length >= 9)
            {
                // Eight positions at a time: the characters there and one further on, with the case bit set.
                ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(t));
                var caseBit = Vector128.Create((ushort)0x20);
                var n = Vector128.Create((ushort)'n');
                var d = Vector128.Create((ushort)'d');
                for (; i + 8 < t.Length; i += 8)
                {
                    var here = Vector128.LoadUnsafe(ref start, (nuint)i) | caseBit;
                    var next = Vector128.LoadUnsafe(ref start, (nuint)(i + 1)) | caseBit;
                    var both = Vector128.Equals(here, n) & Vector128.Equals(next, d);
                    if (both != Vector128<ushort>.Zero)
                        return i + System.Numerics.BitOperations.TrailingZeroCount(both.ExtractMostSignificantBits());
                }
            }
#endif
            for (; i + 1 < t.Length; i++)
                if ((t[i] | 0x20) == 'n' && (t[i + 1] | 0x20) == 'd') return i;
            return -1;
        }

        // "local crypto endpt.: A, remote crypto endpt.: B" is one line on a device: not a join.
        private static bool IsPrefixedPart(ReadOnlySpan<char> t, int at)
        {
            var before = t.Slice(0, at).TrimEnd();
            return before.Length > 0 && before[before.Length - 1] == ',';
        }
    }
}
