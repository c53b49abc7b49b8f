using System;
using System.Collections.Generic;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The packet counters of <c>show crypto ipsec sa</c> (<c>#pkts encaps: 0</c>), by name as the devices print
    /// them (single spaces, any case), each with the <see cref="IpsecSa"/> property it sets. The lookup is a
    /// speed-up of a plain case-insensitive search of the table; <c>IpsecSaCountersTests</c> holds it to that search.
    /// </summary>
    internal static class IpsecSaCounters
    {
        /// <summary>Every counter name and what it sets. Several spellings may set one property.</summary>
        internal static readonly (string Name, Action<IpsecSa, long> Set)[] Table =
        {
            ("pkts encaps", static (e, v) => e.PacketsEncapsulated = v),
            ("pkts encrypt", static (e, v) => e.PacketsEncrypted = v),
            ("pkts digest", static (e, v) => e.PacketsDigested = v),
            ("pkts decaps", static (e, v) => e.PacketsDecapsulated = v),
            ("pkts decrypt", static (e, v) => e.PacketsDecrypted = v),
            ("pkts verify", static (e, v) => e.PacketsVerified = v),
            ("pkts compressed", static (e, v) => e.PacketsCompressed = v),
            ("pkts decompressed", static (e, v) => e.PacketsDecompressed = v),
            ("pkts not compressed", static (e, v) => e.PacketsNotCompressed = v),
            ("pkts comp failed", static (e, v) => e.PacketsCompressionFailed = v),
            ("pkts compr. failed", static (e, v) => e.PacketsCompressionFailed = v),
            ("pkts not decompressed", static (e, v) => e.PacketsNotDecompressed = v),
            ("pkts decomp failed", static (e, v) => e.PacketsDecompressionFailed = v),
            ("pkts decompress failed", static (e, v) => e.PacketsDecompressionFailed = v),
            ("pre-frag successes", static (e, v) => e.PreFragmentationSuccesses = v),
            ("pre-frag failures", static (e, v) => e.PreFragmentationFailures = v),
            ("post-frag successes", static (e, v) => e.PostFragmentationSuccesses = v),
            ("post-frag failures", static (e, v) => e.PostFragmentationFailures = v),
            ("fragments created", static (e, v) => e.FragmentsCreated = v),
            ("pmtus sent", static (e, v) => e.PmtusSent = v),
            ("pmtus rcvd", static (e, v) => e.PmtusReceived = v),
            ("decapsulated frgs needing reassembly", static (e, v) => e.DecapsulatedFragmentsNeedingReassembly = v),
            ("decapsulated frags needing reassembly", static (e, v) => e.DecapsulatedFragmentsNeedingReassembly = v),
            ("tfc rcvd", static (e, v) => e.TfcReceived = v),
            ("tfc sent", static (e, v) => e.TfcSent = v),
            ("valid icmp errors rcvd", static (e, v) => e.ValidIcmpErrorsReceived = v),
            ("invalid icmp errors rcvd", static (e, v) => e.InvalidIcmpErrorsReceived = v),
            ("send errors", static (e, v) => e.SendErrors = v),
            ("recv errors", static (e, v) => e.ReceiveErrors = v),
            ("pkts no sa (send)", static (e, v) => e.PacketsNoSaSend = v),
            ("pkts invalid sa (rcv)", static (e, v) => e.PacketsInvalidSaReceived = v),
            ("pkts replay failed (rcv)", static (e, v) => e.PacketsReplayFailedReceived = v),
        };

        /// <summary>Sets the counter <paramref name="name"/> on <paramref name="target"/>; false when no counter has that name.</summary>
        internal static bool TrySet(IpsecSa target, ReadOnlySpan<char> name, long value)
        {
            int index = Find(name);
            if (index < 0) return false;
            Table[index].Set(target, value);
            return true;
        }

        /// <summary>The index in <see cref="Table"/> of the counter named <paramref name="name"/> (ASCII case ignored), or -1.</summary>
        internal static int Find(ReadOnlySpan<char> name)
        {
            if (name.IsEmpty) return -1;
            foreach (int i in Buckets[Bucket(name)])
                if (name.EqualsIgnoreCase(Table[i].Name)) return i;
            return -1;
        }

        // Names bucketed by length and two letters; a candidate is confirmed by comparing the whole name.
        private static readonly int[][] Buckets = BuildBuckets();

        private static int Bucket(ReadOnlySpan<char> name) =>
            (name.Length * 31 + (name[name.Length - 1] | 0x20) * 7 + (name[name.Length / 2] | 0x20)) & 255;

        private static int[][] BuildBuckets()
        {
            var lists = new List<int>?[256];
            for (int i = 0; i < Table.Length; i++)
            {
                int b = Bucket(Table[i].Name.AsSpan());
                (lists[b] ??= new List<int>()).Add(i);
            }
            var buckets = new int[256][];
            for (int b = 0; b < buckets.Length; b++) buckets[b] = lists[b]?.ToArray() ?? Array.Empty<int>();
            return buckets;
        }
    }
}
