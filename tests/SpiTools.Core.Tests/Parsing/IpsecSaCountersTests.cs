using System.Reflection;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// The counter table finds a name through buckets of length and two letters. These tests hold it to a plain
    /// search of the whole table, and hold each name to the property it must set.
    /// </summary>
    public class IpsecSaCountersTests
    {
        // What the lookup must return: the first table entry whose name equals the text, ASCII letters in any case.
        private static int Plain(string name)
        {
            for (int i = 0; i < IpsecSaCounters.Table.Length; i++)
            {
                var k = IpsecSaCounters.Table[i].Name;
                if (k.Length != name.Length) continue;
                bool same = true;
                for (int j = 0; j < k.Length && same; j++) same = AsciiLower(k[j]) == AsciiLower(name[j]);
                if (same) return i;
            }
            return -1;
        }

        private static char AsciiLower(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

        // Every name a device prints and the property it fills, written out here rather than read from the table.
        private static readonly Dictionary<string, string> Expected = new Dictionary<string, string>
        {
            ["pkts encaps"] = nameof(IpsecSa.PacketsEncapsulated),
            ["pkts encrypt"] = nameof(IpsecSa.PacketsEncrypted),
            ["pkts digest"] = nameof(IpsecSa.PacketsDigested),
            ["pkts decaps"] = nameof(IpsecSa.PacketsDecapsulated),
            ["pkts decrypt"] = nameof(IpsecSa.PacketsDecrypted),
            ["pkts verify"] = nameof(IpsecSa.PacketsVerified),
            ["pkts compressed"] = nameof(IpsecSa.PacketsCompressed),
            ["pkts decompressed"] = nameof(IpsecSa.PacketsDecompressed),
            ["pkts not compressed"] = nameof(IpsecSa.PacketsNotCompressed),
            ["pkts comp failed"] = nameof(IpsecSa.PacketsCompressionFailed),
            ["pkts compr. failed"] = nameof(IpsecSa.PacketsCompressionFailed),
            ["pkts not decompressed"] = nameof(IpsecSa.PacketsNotDecompressed),
            ["pkts decomp failed"] = nameof(IpsecSa.PacketsDecompressionFailed),
            ["pkts decompress failed"] = nameof(IpsecSa.PacketsDecompressionFailed),
            ["pre-frag successes"] = nameof(IpsecSa.PreFragmentationSuccesses),
            ["pre-frag failures"] = nameof(IpsecSa.PreFragmentationFailures),
            ["post-frag successes"] = nameof(IpsecSa.PostFragmentationSuccesses),
            ["post-frag failures"] = nameof(IpsecSa.PostFragmentationFailures),
            ["fragments created"] = nameof(IpsecSa.FragmentsCreated),
            ["pmtus sent"] = nameof(IpsecSa.PmtusSent),
            ["pmtus rcvd"] = nameof(IpsecSa.PmtusReceived),
            ["decapsulated frgs needing reassembly"] = nameof(IpsecSa.DecapsulatedFragmentsNeedingReassembly),
            ["decapsulated frags needing reassembly"] = nameof(IpsecSa.DecapsulatedFragmentsNeedingReassembly),
            ["tfc rcvd"] = nameof(IpsecSa.TfcReceived),
            ["tfc sent"] = nameof(IpsecSa.TfcSent),
            ["valid icmp errors rcvd"] = nameof(IpsecSa.ValidIcmpErrorsReceived),
            ["invalid icmp errors rcvd"] = nameof(IpsecSa.InvalidIcmpErrorsReceived),
            ["send errors"] = nameof(IpsecSa.SendErrors),
            ["recv errors"] = nameof(IpsecSa.ReceiveErrors),
            ["pkts no sa (send)"] = nameof(IpsecSa.PacketsNoSaSend),
            ["pkts invalid sa (rcv)"] = nameof(IpsecSa.PacketsInvalidSaReceived),
            ["pkts replay failed (rcv)"] = nameof(IpsecSa.PacketsReplayFailedReceived),
        };

        private static readonly PropertyInfo[] CounterProperties =
            typeof(IpsecSa).GetProperties().Where(p => p.PropertyType == typeof(long?) && p.CanWrite).ToArray();

        public static IEnumerable<object[]> Names() => Expected.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Names))]
        public void Each_name_sets_its_property_and_no_other(string name)
        {
            foreach (var variant in new[] { name, name.ToUpperInvariant(), Alternate(name) })
            {
                var sa = new IpsecSa();
                Assert.True(IpsecSaCounters.TrySet(sa, variant.AsSpan(), 4_000_000_017L), variant);
                var set = CounterProperties.Where(p => p.GetValue(sa) != null).ToList();
                var p = Assert.Single(set);
                Assert.Equal(Expected[name], p.Name);
                Assert.Equal(4_000_000_017L, (long?)p.GetValue(sa));
            }
        }

        [Fact]
        public void The_table_holds_exactly_the_expected_names_each_once_in_lower_case_with_single_spaces()
        {
            var names = IpsecSaCounters.Table.Select(t => t.Name).ToList();
            Assert.Equal(Expected.Keys.OrderBy(k => k, StringComparer.Ordinal), names.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            // The parser normalises unusual spacing to this form before a second look-up.
            Assert.All(names, n => Assert.True(n == n.ToLowerInvariant() && !n.Contains("  ") && n.Trim() == n, n));
        }

        [Fact]
        public void An_unknown_name_sets_nothing_while_a_known_one_still_does()
        {
            var sa = new IpsecSa();
            Assert.False(IpsecSaCounters.TrySet(sa, "pkts encapsulated".AsSpan(), 5));
            Assert.False(IpsecSaCounters.TrySet(sa, "".AsSpan(), 5));
            Assert.False(IpsecSaCounters.TrySet(sa, "pkts  encaps".AsSpan(), 5));
            Assert.All(CounterProperties, p => Assert.Null(p.GetValue(sa)));
            Assert.True(IpsecSaCounters.TrySet(sa, "pkts encaps".AsSpan(), 5));
            Assert.Equal(5, sa.PacketsEncapsulated);
        }

        [Fact]
        public void Random_names_agree_with_a_plain_search()
        {
            var names = IpsecSaCounters.Table.Select(t => t.Name).ToArray();
            const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ()#.:-_0123456789\u0131\u212A\u00E9";
            var rng = new Random(20261125);
            int found = 0;
            for (int i = 0; i < 100_000; i++)
            {
                var chars = names[rng.Next(names.Length)].ToCharArray().ToList();
                int edits = rng.Next(0, 3);
                for (int e = 0; e < edits; e++)
                {
                    int at = rng.Next(chars.Count + 1);
                    switch (rng.Next(5))
                    {
                        case 0: if (at < chars.Count) chars[at] = alphabet[rng.Next(alphabet.Length)]; break;
                        case 1: if (at < chars.Count) chars.RemoveAt(at); break;
                        case 2: chars.Insert(at, alphabet[rng.Next(alphabet.Length)]); break;
                        case 3: if (at < chars.Count) chars[at] = char.IsUpper(chars[at]) ? char.ToLowerInvariant(chars[at]) : char.ToUpperInvariant(chars[at]); break;
                        case 4: chars.RemoveRange(at, chars.Count - at); break;
                    }
                }
                string name = new string(chars.ToArray());
                int expected = Plain(name);
                Assert.True(expected == IpsecSaCounters.Find(name.AsSpan()), $"'{name}'");
                if (expected >= 0) found++;
            }
            // Both outcomes were exercised.
            Assert.InRange(found, 1000, 99_000);
        }

        private static string Alternate(string s) =>
            new string(s.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c).ToArray());
    }
}
