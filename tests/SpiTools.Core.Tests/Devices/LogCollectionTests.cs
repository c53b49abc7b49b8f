using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Parsing;
using Xunit;

namespace SpiTools.Core.Tests.Devices
{
    /// <summary>The SA-relevant lines of the log buffer, collected only when asked: the two fixed filters and what they give.</summary>
    public class LogCollectionTests
    {
        private const string AsaLog = "show logging | include 40211[46]|60230[34]|71311[9]|713120|713049";
        private const string IosLog = "show logging | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC|ISAKMP|IKEv2|Message id|sa_dest|sa_spi|sa_conn";

        // Two of fw-branch's invalid-SPI drops (Fixtures/ends/asa-stale/fw-branch/show-logging.txt), as the filter leaves them.
        private const string FilteredLog =
            "Sep 07 2024 23:14:02: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D, sequence number= 0xA01E) from 198.51.100.1 (user= 198.51.100.1) to 203.0.113.10 with an invalid SPI.\n" +
            "Sep 07 2024 23:14:03: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D, sequence number= 0xA01F) from 198.51.100.1 (user= 198.51.100.1) to 203.0.113.10 with an invalid SPI.";

        private static DeviceCollection CollectFrom(ScriptedDevice d, CollectionRequest request)
        {
            d.Start();
            using var s = new DeviceSession(d, DeviceSessionTests.Fast());
            return DeviceCollector.Collect(s, request);
        }

        [Theory]
        [InlineData(AsaLog)]
        [InlineData(IosLog)]
        public void The_two_log_filters_are_allowed_word_for_word_as_show_commands(string text)
        {
            Assert.True(CommandPolicy.IsAllowed(text, DeviceCommandKind.Show, out var reason), reason);
            Assert.False(CommandPolicy.IsAllowed(text, DeviceCommandKind.Setup, out _));
            Assert.False(CommandPolicy.IsAllowed(text, DeviceCommandKind.StateChange, out _));
        }

        [Theory]
        [InlineData("show logging")]
        [InlineData("show logging | include 402114")]
        [InlineData("show logging | include 40211[46]|60230[34]|71311[9]|713120|713049 ")]
        [InlineData(" show logging | include 40211[46]|60230[34]|71311[9]|713120|713049")]
        [InlineData("show logging  | include 40211[46]|60230[34]|71311[9]|713120|713049")]
        [InlineData("show logging | include 40211[46]|60230[34]|71311[9]|713120|713049|.*")]
        [InlineData("show logging | include 40211[46]|60230[34]|71311[9]|713120|713049 | redirect disk0:/x")]
        [InlineData("show logging | include 40211[46]|60230[34]|71311[9]|713120|713049\nclear logging buffer")]
        [InlineData("show logging | inc 40211[46]|60230[34]|71311[9]|713120|713049")]
        [InlineData("show running-config | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC")]
        [InlineData("show logging | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS")]
        [InlineData("show crypto ipsec sa | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC")]
        [InlineData("show logging | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC")]
        [InlineData("show logging | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC|ISAKMP|IKEv2|Message  id|sa_dest|sa_spi|sa_conn")]
        [InlineData("show logging | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC|ISAKMP|IKEv2|Message id|sa_dest|sa_spi|sa_conn|.*")]
        public void A_variant_of_the_log_filter_is_refused_before_sending_and_the_exact_one_still_runs(string text)
        {
            Assert.False(CommandPolicy.IsAllowed(text, DeviceCommandKind.Show, out _));
            var d = ScriptedDevice.SeedAsa();
            d.Outputs[AsaLog] = FilteredLog;
            d.Outputs[text] = "should never be asked";
            d.Start();
            using var s = new DeviceSession(d, DeviceSessionTests.Fast());
            s.Open();
            int writes = d.Writes.Count;
            var ex = Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.Unchecked(text, DeviceCommandKind.Show)));
            Assert.Equal(ErrorIds.CommandNotAllowed, ex.ErrorId);
            Assert.Equal(writes, d.Writes.Count); // nothing sent
            var log = s.Execute(DeviceCommand.ShowLoggingSaEvents(DevicePlatform.Asa));
            Assert.Equal(AsaLog + "\n", d.Writes[writes]);
            Assert.Contains("0x25A3076D", log.Output, StringComparison.Ordinal);
        }

        [Fact]
        public void Each_platform_gets_its_own_filter_saved_as_show_logging()
        {
            Assert.Equal(AsaLog, DeviceCommand.ShowLoggingSaEvents(DevicePlatform.Asa).Text);
            Assert.Equal(AsaLog, DeviceCommand.ShowLoggingSaEvents(DevicePlatform.Ftd).Text);
            Assert.Equal(IosLog, DeviceCommand.ShowLoggingSaEvents(DevicePlatform.IosXe).Text);
            Assert.Equal("show-logging.txt", DeviceCommand.ShowLoggingSaEvents(DevicePlatform.IosXe).FileName);
            Assert.DoesNotContain(DeviceCollector.Plan(DevicePlatform.Asa, CollectionRequest.Create()), p => p.Command.StartsWith("show logging", StringComparison.Ordinal));
            var last = DeviceCollector.Plan(DevicePlatform.IosXe, CollectionRequest.Create().WithLog()).Last();
            Assert.Equal(IosLog, last.Command);
            Assert.True(last.Optional);
            // Asked for together with the IKE SAs, both are kept.
            var both = CollectionRequest.Create().WithIkeSas().WithLog();
            Assert.True(both.IncludeIkeSas && both.IncludeLog);
            Assert.True(CollectionRequest.Create().WithLog().WithIkeSas().IncludeLog);
        }

        [Fact]
        public void The_log_is_sent_only_when_asked_and_its_drops_read_as_events_with_the_filter_as_information_only()
        {
            var plain = ScriptedDevice.SeedAsa();
            plain.Outputs[AsaLog] = FilteredLog;
            CollectFrom(plain, CollectionRequest.Create());
            Assert.DoesNotContain(plain.Commands, c => c.Contains("logging", StringComparison.Ordinal));

            var d = ScriptedDevice.SeedAsa();
            d.Outputs[AsaLog] = FilteredLog;
            var c = CollectFrom(d, CollectionRequest.Create().WithLog());
            Assert.Equal(AsaLog, d.Commands.Last());
            Assert.Single(d.Commands, x => x.Contains("logging", StringComparison.Ordinal));
            var log = c.Outputs.Last();
            Assert.Equal("show-logging.txt", log.FileName);
            var records = c.Parse().ToList();
            var events = records.OfType<SaEvent>().ToList();
            Assert.Equal(2, events.Count);
            Assert.All(events, e => Assert.Equal("0x25A3076D", e.Spi));
            Assert.All(events, e => Assert.Equal("show-logging.txt", e.Source));
            var about = Assert.Single(records.OfType<ParseDiagnostic>());
            Assert.Equal((DiagnosticCodes.FilteredOutput, DiagnosticSeverity.Info, 1), (about.Code, about.Severity, about.Line));
            // Still the SAs and the stale context from the rest of the plan.
            Assert.Contains(SpiDiagnosis.Diagnose(records), f => f.Code == "StaleVpnContext");
        }

        [Fact]
        public void The_asa_filter_keeps_every_syslog_the_timeline_and_the_checks_read()
        {
            // One of each message the SA events are read from (SaEventTests' buffer), and a connection message.
            const string buffer =
                "Sep 07 2024 23:11:12: %ASA-6-713119: Group = 203.0.113.10, IP = 203.0.113.10, PHASE 1 COMPLETED\n" +
                "Sep 07 2024 23:11:13: %ASA-5-713049: Group = 203.0.113.10, IP = 203.0.113.10, Security negotiation complete for LAN-to-LAN Group (203.0.113.10)  Initiator, Inbound SPI = 0x5d1f8e34, Outbound SPI = 0xa19ec57e\n" +
                "Sep 07 2024 23:11:13: %ASA-5-713120: Group = 203.0.113.10, IP = 203.0.113.10, PHASE 2 COMPLETED (msgid=3c1f5ac1)\n" +
                "Sep 07 2024 23:11:13: %ASA-6-602303: IPSEC: An outbound LAN-to-LAN SA (SPI= 0xA19EC57E) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been created.\n" +
                "Sep 07 2024 23:11:14: %ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D, sequence number= 0x1F) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1 with an invalid SPI.\n" +
                "Sep 07 2024 23:11:15: %ASA-4-402116: IPSEC: Received an ESP packet (SPI= 0xA19EC57E, sequence number= 0x2) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1.  The decapsulated inner packet doesn't match the negotiated policy in the SA.\n" +
                "Sep 07 2024 23:11:16: %ASA-4-402119: IPSEC: Received an ESP packet (SPI= 0x5D1F8E34, sequence number= 0x7) from 203.0.113.10 (user= 203.0.113.10) to 198.51.100.1 that failed anti-replay checking.\n" +
                "Sep 07 2024 23:11:17: %ASA-6-602304: IPSEC: An inbound LAN-to-LAN SA (SPI= 0x25A3076D) between 198.51.100.1 and 203.0.113.10 (user= 203.0.113.10) has been deleted.\n" +
                "Sep 07 2024 23:11:18: %ASA-6-302013: Built inbound TCP connection 1 for outside:203.0.113.10/500 (203.0.113.10/500) to identity:198.51.100.1/500 (198.51.100.1/500)\n";
            var filter = new System.Text.RegularExpressions.Regex(AsaLog.Substring(AsaLog.IndexOf("| include ", StringComparison.Ordinal) + "| include ".Length));
            string kept = string.Concat(buffer.Split('\n').Where(l => filter.IsMatch(l)).Select(l => l + "\n"));
            static List<string> Events(string text) => CaptureParser.ParseText(text, "show-logging.txt").OfType<SaEvent>()
                .Select(e => $"{e.Kind} {e.Time:O} {e.Peer} {e.LocalAddress} {e.Spi} {e.OutboundSpi} {e.Direction} {e.MessageId} {e.Role}").ToList();
            // Every event a check or the timeline reads comes through; the anti-replay drop (402119), which none reads, and
            // the connection message stay on the device.
            Assert.Equal(Events(buffer).Where(e => !e.StartsWith(SaEventKind.Replay + " ", StringComparison.Ordinal)), Events(kept));
            Assert.Equal(new[] { SaEventKind.PhaseOneComplete, SaEventKind.PhaseTwoComplete, SaEventKind.PhaseTwoComplete, SaEventKind.SaInstalled,
                SaEventKind.InvalidSpi, SaEventKind.ProxyMismatch, SaEventKind.SaDeleted }, Events(kept).Select(e => e.Split(' ')[0]));
        }

        [Fact]
        public void A_device_refusing_the_log_gives_a_warning_and_the_rest_is_collected()
        {
            var d = ScriptedDevice.SeedAsa(); // no answer to the log command: the ASA's invalid-input error
            var c = CollectFrom(d, CollectionRequest.Create().WithLog());
            Assert.Equal(AsaLog, d.Commands.Last());
            var w = Assert.Single(c.Warnings, x => x.Command == AsaLog);
            Assert.Contains("collection went on without it", w.Message, StringComparison.Ordinal);
            Assert.True(c.IsComplete);
            Assert.DoesNotContain(c.Outputs, o => o.FileName == "show-logging.txt");
            Assert.Contains(SpiDiagnosis.Diagnose(c.Parse()), f => f.Code == "StaleVpnContext");
        }
    }
}
