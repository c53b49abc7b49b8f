using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    /// <summary>
    /// The ipsec-sa parser keeps the readings of the last few distinct <c>in use settings</c> lists. These tests
    /// hold the cache to a plain read of every text, alone and inside the parser.
    /// </summary>
    public class SettingsCacheTests
    {
        private sealed class Reading
        {
            public Reading(string text) => Text = text;
            public string Text { get; }
        }

        // Lists that differ by case, a comma, a space or a prefix, so a cache that matched loosely would be caught.
        private static readonly string[] Texts =
        {
            "L2L, Tunnel, IKEv1, ", "l2l, Tunnel, IKEv1, ", "L2L, Tunnel, IKEv1,", "L2L, Tunnel,  IKEv1, ", "L2L, Tunnel, IKEv2, ",
            "L2L, Tunnel, PFS Group 14, IKEv2, ", "L2L, Tunnel, PFS Group 14, IKEv2, NAT-T-Encaps, ", "RA, Tunnel, IKEv2, ",
            "L2L, Transport, IKEv1, ", "L2L", "L2L, ", "", " ", "Tunnel, ", "Tunnel UDP-Encaps, ", "Transport, ", "esp-aes 256",
        };

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(IpsecSaParser.SettingsSlots)]
        [InlineData(32)]
        public void Every_text_gets_the_reading_of_that_same_text(int slots)
        {
            int reads = 0;
            var cache = new SettingsCache<Reading>(slots, t => { reads++; return new Reading(t.ToString()); });
            // The texts held, oldest replaced first: a list, searched in full, to count the reads a cache of this size needs.
            var held = new List<string>();
            int expectedReads = 0;
            var rng = new Random(20261125 + slots);
            const int draws = 20_000;
            for (int i = 0; i < draws; i++)
            {
                // Mostly a few lists, as a device repeats its profiles; sometimes any of them.
                string text = rng.Next(4) == 0 ? Texts[rng.Next(Texts.Length)] : Texts[rng.Next(3)];
                // A fresh string each time: a hit must not depend on the caller handing the same instance.
                var reading = cache.Get(new string(text.ToCharArray()).AsSpan());
                Assert.Equal(text, reading.Text);
                if (!held.Contains(text, StringComparer.Ordinal))
                {
                    expectedReads++;
                    if (slots > 0)
                    {
                        if (held.Count == slots) held.RemoveAt(0);
                        held.Add(text);
                    }
                }
            }
            Assert.Equal(expectedReads, reads);
            if (slots == 0) Assert.Equal(draws, reads);
        }

        [Fact]
        public void A_text_is_read_once_while_it_is_held_and_again_once_its_slot_was_replaced()
        {
            int reads = 0;
            var cache = new SettingsCache<Reading>(3, t => { reads++; return new Reading(t.ToString()); });
            var a = cache.Get("L2L, Tunnel, IKEv1, ".AsSpan());
            Assert.Same(a, cache.Get("L2L, Tunnel, IKEv1, ".AsSpan()));
            Assert.Equal(1, reads);
            cache.Get("b".AsSpan());
            cache.Get("c".AsSpan());
            Assert.Same(a, cache.Get("L2L, Tunnel, IKEv1, ".AsSpan()));
            Assert.Equal(3, reads);
            cache.Get("d".AsSpan()); // replaces the oldest slot, the first list's
            var again = cache.Get("L2L, Tunnel, IKEv1, ".AsSpan());
            Assert.NotSame(a, again);
            Assert.Equal(a.Text, again.Text);
            Assert.Equal(5, reads);
        }

        [Fact]
        public void The_parser_gives_the_same_records_with_and_without_the_cache()
        {
            string synthetic = SyntheticCapture(400, new Random(20261125));
            var inputs = Captures.AllFiles().Select(f => File.ReadAllText(Captures.PathOf(f))).Append(synthetic).ToList();
            int settingsSeen = 0;
            foreach (var text in inputs)
            {
                var cached = Run(new IpsecSaParser(IpsecSaParser.SettingsSlots), text);
                var plain = Run(new IpsecSaParser(0), text);
                Assert.Equal(plain, cached);
                // The property Settings itself (OtherSettings, followed by other properties, would match "Settings=;" too).
                settingsSeen += cached.Count(r => r.Contains(";Settings=", StringComparison.Ordinal) && !r.Contains(";Settings=;", StringComparison.Ordinal));
            }
            Assert.True(settingsSeen > 400, $"only {settingsSeen} records with settings were compared");
        }

        /// <summary>Every non-blank line offered to the parser; each record and diagnostic as one line of its public properties.</summary>
        private static List<string> Run(IpsecSaParser parser, string text)
        {
            var ctx = new ParseContext("test");
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var output = new List<string>();
            for (int i = 0; i < lines.Length; i++)
            {
                var line = CaptureLine.FromString(i + 1, lines[i]);
                if (line.Text.IsEmpty) continue;
                output.Add(parser.Accept(line, ctx) ? "+" : "-");
                Drain(ctx, output);
            }
            parser.Complete(ctx);
            Drain(ctx, output);
            return output;
        }

        private static void Drain(ParseContext ctx, List<string> output)
        {
            while (ctx.TryDequeue(out var r))
                output.Add(string.Join(";", r.GetType().GetProperties().Select(p => $"{p.Name}={p.GetValue(r)}")));
        }

        private static string SyntheticCapture(int entries, Random rng)
        {
            var w = new System.Text.StringBuilder();
            w.AppendLine("interface: outside");
            for (int i = 0; i < entries; i++)
            {
                w.AppendLine($"    Crypto map tag: MAP, seq num: {i + 1}, local addr: 198.51.100.1");
                w.AppendLine($"      local ident (addr/mask/prot/port): (10.0.{i % 250}.0/255.255.255.0/0/0)");
                w.AppendLine($"      remote ident (addr/mask/prot/port): (10.1.{i % 250}.0/255.255.255.0/0/0)");
                w.AppendLine($"      current_peer: 203.0.113.{i % 250}");
                w.AppendLine("      #pkts encaps: 1, #pkts encrypt: 1, #pkts digest: 1");
                foreach (var direction in new[] { "inbound", "outbound" })
                {
                    w.AppendLine($"    {direction} esp sas:");
                    uint spi = (uint)rng.Next() | 0x10000000;
                    w.AppendLine($"      spi: 0x{spi:X8} ({spi})");
                    w.AppendLine("         transform: esp-aes-256 esp-sha-hmac no compression");
                    w.AppendLine($"         in use settings ={Texts[rng.Next(Texts.Length)]}}}");
                    w.AppendLine("         slot: 0, conn_id: 1, crypto-map: MAP");
                    w.AppendLine("         sa timing: remaining key lifetime (kB/sec): (4373958/27285)");
                }
            }
            return w.ToString();
        }
    }
}
