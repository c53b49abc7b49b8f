using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary><c>spitools parse</c> on IKE SA tables and logs: the new kinds, JSON, CSV and table.</summary>
    public class ParseIkeAndEventTests
    {
        private static string Ex(string rel) => Path.Combine(SpitoolsProcess.Examples, rel);

        [Fact]
        public void A_debug_gives_sa_events_in_json_with_times_roles_and_spis()
        {
            var (exit, stdout, stderr) = SpitoolsProcess.Run("parse", "--format", "json", Ex("iosxe-dmvpn-multi-spi/debug-crypto-isakmp.side-a.txt"));
            Assert.True(exit == 0, stderr);
            var events = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            Assert.All(events, e => Assert.Equal("SaEvent", e.GetProperty("RecordType").GetString()));
            var installs = events.Where(e => e.GetProperty("Kind").GetString() == "SaInstalled").ToList();
            Assert.Equal(new[] { "Sep  7 23:11:13", "Sep  7 23:11:50" }, installs.Select(e => e.GetProperty("TimeText").GetString()));
            Assert.Equal("Initiator", installs[1].GetProperty("Role").GetString());
            Assert.Equal(3247684825, installs[1].GetProperty("MessageId").GetInt64());
            Assert.Contains("65 lines: 65 used, 0 blank, 0 reported", stderr);
        }

        [Fact]
        public void Kind_ike_sa_reads_a_table_and_csv_and_table_print_it()
        {
            const string text = "IPv4 Crypto ISAKMP SA\ndst             src             state          conn-id status\n172.17.3.1      172.17.3.2      QM_IDLE          79859 ACTIVE\n";
            var (exit, stdout, stderr) = SpitoolsProcess.RunWithInput(text, "parse", "--kind", "ike-sa", "--format", "csv");
            Assert.True(exit == 0, stderr);
            var lines = stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("RecordType,Device,Source,Line,LastLine,Platform,Incomplete,IkeVersion,Peer,", lines[0]);
            Assert.StartsWith("IkeSa,,-,3,3,IOS,False,IKEv1,,", lines[1]);
            Assert.Contains(",172.17.3.1,172.17.3.2,QM_IDLE,ACTIVE,", lines[1]);

            var (exit2, table, stderr2) = SpitoolsProcess.RunWithInput(text, "parse");
            Assert.True(exit2 == 0, stderr2);
            Assert.Contains("IKEv1", table);
            Assert.Contains("QM_IDLE", table);
            Assert.Contains("79859", table);
        }
    }
}
