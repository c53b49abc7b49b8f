using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Parsing
{
    public class LineRepairerTests
    {
        [Theory]
        [InlineData("      spi: 0x25A3076D (2711537022)", "      spi: 0x25A3076D (2711537022)", (int)(LineDamage.None))]
        [InlineData("  - spi: 0x1", "    spi: 0x1", (int)(LineDamage.ListPrefix))]
        [InlineData("- spi: 0x1", "  spi: 0x1", (int)(LineDamage.ListPrefix))]
        [InlineData("in use settings ={L2L, Tunnel, NAT-T-Encaps, }", "in use settings ={L2L, Tunnel, NAT-T-Encaps, }", (int)(LineDamage.None))]
        [InlineData("a - b", "a - b", (int)(LineDamage.None))]
        [InlineData("current outbound spi: A19EC57E*inbound esp sas:", "current outbound spi: A19EC57E inbound esp sas:", (int)(LineDamage.MarkdownMarkup))]
        [InlineData("user\\_data=0x2d2ea0a4", "user_data=0x2d2ea0a4", (int)(LineDamage.MarkdownMarkup))]
        [InlineData("current outbound spi: 0\u00D70", "current outbound spi: 0x0", (int)(LineDamage.TypographicCharacter))]
        [InlineData("peer\u00A0address: 203.0.113.10", "peer address: 203.0.113.10", (int)(LineDamage.NonBreakingSpace))]
        [InlineData("#pkts encaps: 0\r", "#pkts encaps: 0", (int)(LineDamage.CarriageReturn))]
        [InlineData("<--- More --->\r              \r      spi: 0x1", "      spi: 0x1", (int)(LineDamage.CarriageReturn | LineDamage.PagerResidue))]
        [InlineData(" --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b      spi: 0x1", "      spi: 0x1", (int)(LineDamage.PagerResidue))]
        [InlineData("\tspi:\t0x1", " spi: 0x1", (int)(LineDamage.None))]
        public void Repairs_each_kind_of_damage(string raw, string repaired, int damage)
        {
            var repairer = new LineRepairer();
            var text = repairer.Repair(raw.AsSpan(), out var found);
            Assert.Equal(repaired, text.ToString());
            Assert.Equal((LineDamage)damage, found);
        }

        [Fact]
        public void A_line_the_quick_test_passes_is_one_the_repair_would_leave_alone()
        {
            const string alphabet = "  - -<*\\_0\u00D7x\u00A0\u2007\r\t\b\u0001abc:#More";
            var repairer = new LineRepairer();
            var rng = new Random(11);
            int passed = 0;
            for (int i = 0; i < 100_000; i++)
            {
                var raw = new string(Enumerable.Range(0, rng.Next(0, 24)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
                if (LineRepairer.NeedsRepair(raw.AsSpan())) continue;
                passed++;
                var text = repairer.RepairCore(raw.AsSpan(), out var damage);
                Assert.True(damage == LineDamage.None && text.SequenceEqual(raw.AsSpan()), $"'{raw}' needs repair ({damage}) but the quick test passed it");
            }
            Assert.True(passed > 1000, $"only {passed} lines passed the quick test");
        }
    }
}
