using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Core.Tests.Devices;
using SpiTools.Devices;
using SpiTools.Services;
using Xunit;

namespace SpiTools.Core.Tests.Services
{
    /// <summary>
    /// The confirmed clear against the scripted device, which records every line it receives: declined or <c>-WhatIf</c>
    /// sends only the read-only evidence commands; accepted sends exactly one <c>clear crypto ipsec sa inactive</c>.
    /// </summary>
    public class RemediationServiceTests
    {
        private const string Clear = "clear crypto ipsec sa inactive";
        private static readonly DeviceFlow SeedFlow = DeviceFlow.Create("inside", "udp", "10.255.203.102", 1610, "10.220.100.17", 3389);

        // Built from examples/asa-stale-spi's entry and the line Cisco bug CSCwc48375 quotes (see InactiveIpsecSaTests).
        private const string Inactive =
            "interface: outside\n" +
            "    Crypto map tag: outside_map, seq num: 1, local addr: 198.51.100.1\n" +
            "\n" +
            "      local ident (addr/mask/prot/port): (10.255.203.0/255.255.255.0/0/0)\n" +
            "      remote ident (addr/mask/prot/port): (10.220.100.0/255.255.255.0/0/0)\n" +
            "      current_peer: 203.0.113.10\n" +
            "\n" +
            "      Inactive inbound SA: SPI: 0x1AAC9593, state: dead, reason: Phase 2 Error\n" +
            "      Inactive outbound SA: SPI: 0x25A3076D, state: dead, reason: Rekeyed\n";

        private static readonly string[] ReadOnlyEvidence =
        {
            "enable", "show version", "terminal pager 0",
            "packet-tracer input inside udp 10.255.203.102 1610 10.220.100.17 3389 detailed",
            "show asp table vpn-context detail",
            "show crypto ipsec sa",
            "show crypto ipsec sa peer 203.0.113.10",
            "show crypto ipsec sa inactive",
            "show running-config crypto ipsec",
            "show vpn-sessiondb detail l2l",
        };

        private static DeviceTarget Target(ScriptedDevice d, DeviceFlow? flow = null, string? context = null) => new()
        {
            Name = "fw-edge1",
            EnableSecret = new DeviceSecret("s3cr3t-Enable!"),
            Request = CollectionRequest.Create(flow, null, context),
            CommandTimeout = TimeSpan.FromSeconds(5),
            DeviceTimeout = TimeSpan.FromSeconds(60),
            OpenChannel = () => { d.Start(); return d; },
        };

        private static SaClearOptions Options(bool force = false) => new() { Force = force, SettleDelay = TimeSpan.FromMilliseconds(20) };

        [Fact]
        public void Accepted_the_clear_is_sent_once_and_the_stale_context_is_gone_after()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            var asked = new List<(string Target, string Action)>();
            var sink = new FakeSink { Decide = (t, a) => { asked.Add((t, a)); return true; } };

            var r = RemediationService.ClearInactive(Target(d, SeedFlow), null, Options(), sink, CancellationToken.None);

            Assert.NotNull(r);
            Assert.Empty(sink.Errors);
            var (target, action) = Assert.Single(asked);
            Assert.Equal("fw-edge1", target);
            Assert.Contains("'clear crypto ipsec sa inactive'", action);
            Assert.Contains("StaleVpnContext (peer 203.0.113.10", action);
            Assert.Equal("Cleared", r!.Status);
            Assert.Equal(Clear, r.CommandSent);
            Assert.Equal("", r.DeviceResponse);
            Assert.Equal("StaleVpnContext;OneWayTraffic", r.BeforeVerdict);
            Assert.DoesNotContain("StaleVpnContext", r.AfterVerdict);
            Assert.True(r.Resolved);
            Assert.Null(r.NextStep);
            Assert.Equal("ASA", r.Platform); // as Cisco writes it
            Assert.True(r.FinishedAt >= r.StartedAt);

            // Exactly one clear; everything else is the read-only evidence, before and after.
            Assert.Equal(1, d.Commands.Count(c => c == Clear));
            int at = d.Commands.IndexOf(Clear);
            Assert.Equal(ReadOnlyEvidence, d.Commands.Take(at));
            Assert.Equal(ReadOnlyEvidence.Skip(3), d.Commands.Skip(at + 1));
        }

        [Fact]
        public void Declined_nothing_but_the_read_only_evidence_is_sent()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            int asked = 0;
            var sink = new FakeSink { Decide = (_, _) => { asked++; return false; } };

            var r = RemediationService.ClearInactive(Target(d, SeedFlow), null, Options(), sink, CancellationToken.None);

            Assert.Equal(1, asked);
            Assert.Equal("Declined", r!.Status);
            Assert.Null(r.CommandSent);
            Assert.Null(r.AfterVerdict);
            Assert.False(r.Resolved);
            Assert.Equal("StaleVpnContext;OneWayTraffic", r.BeforeVerdict);
            Assert.Equal(ReadOnlyEvidence, d.Commands);
            Assert.DoesNotContain(d.Commands, c => c.StartsWith("clear", StringComparison.Ordinal));
        }

        [Fact]
        public void A_clear_that_changes_nothing_is_not_resolved_and_names_the_next_step()
        {
            var d = ScriptedDevice.SeedAsa();
            d.Outputs[Clear] = "";           // accepted, changes nothing (CSCwc48375)
            d.Outputs["show crypto ipsec sa inactive"] = Inactive;

            var r = RemediationService.ClearInactive(Target(d, SeedFlow), null, Options(), new FakeSink(), CancellationToken.None);

            Assert.Equal(Clear, r!.CommandSent);
            Assert.False(r.Resolved);
            Assert.Contains("StaleVpnContext", r.AfterVerdict);
            Assert.Equal("0x1AAC9593;0x25A3076D", r.StillInactive);
            Assert.StartsWith("clear crypto ipsec sa peer 203.0.113.10", r.NextStep);
            Assert.Contains("CSCwc48375", r.NextStep);
            Assert.Equal(1, d.Commands.Count(c => c == Clear));
            Assert.DoesNotContain(d.Commands, c => c.StartsWith("clear crypto ipsec sa peer", StringComparison.Ordinal)); // printed, never run
        }

        [Fact]
        public void A_healthy_device_is_skipped_without_asking_unless_forced()
        {
            ScriptedDevice Healthy()
            {
                var d = ScriptedDevice.SeedAsaWithClear();
                foreach (var kv in d.StateChanges[Clear]) d.Outputs[kv.Key] = kv.Value; // already cleared
                return d;
            }
            var d1 = Healthy();
            int asked = 0;
            var sink = new FakeSink { Decide = (_, _) => { asked++; return true; } };
            var skipped = RemediationService.ClearInactive(Target(d1, SeedFlow), null, Options(), sink, CancellationToken.None);
            Assert.Equal("Skipped", skipped!.Status);
            Assert.Null(skipped.CommandSent);
            Assert.Equal(0, asked);
            Assert.Contains(sink.Warnings, w => w.Contains("nothing was cleared", StringComparison.Ordinal));
            Assert.DoesNotContain(Clear, d1.Commands);

            var d2 = Healthy();
            var forced = RemediationService.ClearInactive(Target(d2, SeedFlow), null, Options(force: true), sink, CancellationToken.None);
            Assert.Equal(1, asked);
            Assert.Equal(Clear, forced!.CommandSent);
            Assert.True(forced.Resolved);
            Assert.Equal(1, d2.Commands.Count(c => c == Clear));
        }

        [Fact]
        public void With_a_context_the_clear_follows_changeto_context()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            d.Contexts.Add("cust-a");
            var asked = new List<string>();
            var r = RemediationService.ClearInactive(Target(d, SeedFlow, "cust-a"), null, Options(),
                new FakeSink { Decide = (t, _) => { asked.Add(t); return true; } }, CancellationToken.None);
            Assert.Equal("fw-edge1/cust-a", Assert.Single(asked)); // the identity: the host as given and the context
            Assert.Equal("cust-a", r!.Context);
            int at = d.Commands.IndexOf(Clear);
            Assert.Equal("changeto context cust-a", d.Commands[3]);
            Assert.DoesNotContain(d.Commands.Take(at), c => c == "changeto system" || c.StartsWith("changeto context", StringComparison.Ordinal) && c != "changeto context cust-a");
            Assert.True(r.Resolved);
        }

        [Fact]
        public void One_device_given_twice_is_asked_about_and_cleared_once()
        {
            var first = ScriptedDevice.SeedAsaWithClear();
            var second = ScriptedDevice.SeedAsaWithClear(); // the same fw-edge1, given again under the same identity
            int asked = 0;
            var sink = new FakeSink { Decide = (_, _) => { asked++; return true; } };
            var options = Options();
            options.Considered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            var r1 = RemediationService.ClearInactive(Target(first, SeedFlow), null, options, sink, CancellationToken.None);
            var r2 = RemediationService.ClearInactive(Target(second, SeedFlow), null, options, sink, CancellationToken.None);

            Assert.Equal(Clear, r1!.CommandSent);
            Assert.Null(r2);
            Assert.Equal(1, asked);
            Assert.DoesNotContain(Clear, second.Commands);
            Assert.Contains(sink.VerboseMessages, v => v.Contains("already considered", StringComparison.Ordinal));
        }

        [Fact]
        public void Two_boxes_whose_prompts_share_a_host_name_are_two_devices_and_both_are_cleared()
        {
            var first = ScriptedDevice.SeedAsaWithClear();
            var second = ScriptedDevice.SeedAsaWithClear();
            first.Hostname = second.Hostname = "ciscoasa"; // the factory host name, on two boxes
            var asked = new List<string>();
            var sink = new FakeSink { Decide = (t, _) => { asked.Add(t); return true; } };
            var options = Options();
            options.Considered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var t1 = Target(first, SeedFlow);
            t1.Name = "192.0.2.1";
            var t2 = Target(second, SeedFlow);
            t2.Name = "192.0.2.2";

            var r1 = RemediationService.ClearInactive(t1, null, options, sink, CancellationToken.None);
            var r2 = RemediationService.ClearInactive(t2, null, options, sink, CancellationToken.None);

            Assert.Equal(Clear, r1!.CommandSent);
            Assert.Equal(Clear, r2!.CommandSent);
            Assert.Equal(new[] { "192.0.2.1", "192.0.2.2" }, new[] { r1.Device, r2.Device });
            Assert.Equal(new[] { "ciscoasa", "ciscoasa" }, new[] { r1.Hostname, r2.Hostname });
            Assert.Equal(new[] { "192.0.2.1 (ciscoasa)", "192.0.2.2 (ciscoasa)" }, asked);
            Assert.Equal(1, first.Commands.Count(c => c == Clear));
            Assert.Equal(1, second.Commands.Count(c => c == Clear));
        }

        [Fact]
        public void IOS_XE_is_refused_with_what_fits_there_and_nothing_is_cleared()
        {
            var d = new ScriptedDevice("hub1") { IosPager = true };
            d.Outputs["show version"] = "Cisco IOS XE Software, Version 16.12.05";
            d.Outputs["show crypto ipsec sa"] = File.ReadAllText(Captures.PathOf("iosxe-dmvpn-multi-spi/show-crypto-ipsec-sa-peer.txt")).Split('\n', 2)[1];
            d.Outputs[Clear] = "";
            int asked = 0;
            var sink = new FakeSink { Decide = (_, _) => { asked++; return true; } };

            var r = RemediationService.ClearInactive(Target(d), null, Options(force: true), sink, CancellationToken.None);

            Assert.Equal("NotAttempted", r!.Status);
            Assert.Null(r.CommandSent);
            Assert.Equal(0, asked);
            var e = Assert.Single(sink.Errors);
            Assert.Equal(ErrorIds.ClearNotSupported, e.Id);
            Assert.Contains("clear crypto sa peer 172.17.3.2", e.Exception.Message);
            Assert.Contains("clear crypto sa entry 172.17.3.2 esp", e.Exception.Message);
            Assert.DoesNotContain(d.Commands, c => c.StartsWith("clear", StringComparison.Ordinal));
            Assert.Contains("show crypto ipsec sa", d.Commands); // the read-only evidence was still collected
        }

        [Fact]
        public void The_confirmed_path_sends_only_the_listed_state_change_and_the_ordinary_path_refuses_it()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            using var s = DeviceSessionTests.OpenOn(d);
            int writes = d.Writes.Count;
            var refused = new[]
            {
                DeviceCommand.ShowCryptoIpsecSa(),
                DeviceCommand.Unchecked("clear crypto ipsec sa", DeviceCommandKind.StateChange),
                DeviceCommand.Unchecked("clear crypto ipsec sa inactive\nreload", DeviceCommandKind.StateChange),
                DeviceCommand.Unchecked(Clear, DeviceCommandKind.Show),
            };
            foreach (var c in refused)
                Assert.Equal(ErrorIds.CommandNotAllowed, Assert.Throws<DeviceException>(() => s.ExecuteConfirmed(c)).ErrorId);
            Assert.Equal(ErrorIds.CommandNotAllowed, Assert.Throws<DeviceException>(() => s.Execute(DeviceCommand.ClearCryptoIpsecSaInactive())).ErrorId);
            Assert.Equal(writes, d.Writes.Count); // nothing sent

            s.ExecuteConfirmed(DeviceCommand.ClearCryptoIpsecSaInactive());
            Assert.Equal(Clear + "\n", d.Writes[writes]);
            Assert.Equal(DeviceCommandKind.StateChange, DeviceCommand.ClearCryptoIpsecSaInactive().Kind);
        }

        [Fact]
        public void What_if_is_WouldClear_with_the_exact_command_and_a_no_is_Declined()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            var options = Options();
            options.WhatIf = true;
            var r = RemediationService.ClearInactive(Target(d, SeedFlow), null, options, new FakeSink { Decide = (_, _) => false }, CancellationToken.None);
            Assert.Equal("WouldClear", r!.Status);
            Assert.Equal(Clear, r.WouldSend);
            Assert.Null(r.CommandSent);
            Assert.DoesNotContain(Clear, d.Commands);
            Assert.Equal(new[] { "StaleVpnContext", "OneWayTraffic" }, r.BeforeFindings.Select(f => f.Code));

            var no = RemediationService.ClearInactive(Target(ScriptedDevice.SeedAsaWithClear(), SeedFlow), null, Options(), new FakeSink { Decide = (_, _) => false }, CancellationToken.None);
            Assert.Equal("Declined", no!.Status);
            Assert.Null(no.WouldSend);
        }

        [Fact]
        public void What_if_lists_every_command_the_run_sends_the_prompt_keystroke_first_and_the_clear_between_the_two_collections()
        {
            var options = Options();
            options.WhatIf = true;
            var d = ScriptedDevice.SeedAsaWithClear();
            var r = RemediationService.ClearInactive(Target(d, SeedFlow), null, options, new FakeSink { Decide = (_, _) => false }, CancellationToken.None);
            var planned = r!.PlannedCommands!.Split(new[] { "; " }, StringSplitOptions.None);
            Assert.Equal("<Enter>", planned[0]);
            Assert.Equal("enable", planned[1]);
            Assert.Contains("terminal pager 0", planned);
            Assert.Equal(1, planned.Count(c => c == Clear));

            // What the what-if run sent is the plan up to the clear (the prompt keystroke is the empty line the session opens with).
            int clearAt = Array.IndexOf(planned, Clear);
            Assert.Equal("\n", d.Writes[0].Replace("\r", ""));
            Assert.Equal(planned.Take(clearAt).Skip(1), d.Commands.Select(c => Placeholder(c, planned)));

            // A confirmed run sends the same commands, the clear where the plan puts it, and collects again after it.
            var yes = ScriptedDevice.SeedAsaWithClear();
            RemediationService.ClearInactive(Target(yes, SeedFlow), null, Options(), new FakeSink(), CancellationToken.None);
            Assert.Equal(planned.Skip(1), yes.Commands.Select(c => Placeholder(c, planned)));
        }

        /// <summary>The peer the run found stands where the plan says <c>&lt;peer&gt;</c>.</summary>
        private static string Placeholder(string sent, string[] planned) =>
            planned.Contains(sent) ? sent : sent.StartsWith("show crypto ipsec sa peer ", StringComparison.Ordinal) ? "show crypto ipsec sa peer <peer>" : sent;

        [Fact]
        public void A_resolved_clear_is_Healthy_after_with_both_findings_and_where_the_device_was_reached()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            var target = Target(d, SeedFlow);
            target.Connect = new DeviceConnectOptions { Host = "192.0.2.1", Port = 2222, UserName = "netops" };
            var r = RemediationService.ClearInactive(target, null, Options(), new FakeSink(), CancellationToken.None);
            Assert.Equal("Cleared", r!.Status);
            Assert.Equal("Healthy", r.AfterVerdict);
            Assert.Empty(r.AfterFindings);
            Assert.NotEmpty(r.BeforeFindings);
            Assert.Equal(("192.0.2.1", (int?)2222), (r.Host, r.Port));
        }

        [Fact]
        public void The_warnings_of_the_evidence_are_written_once_not_before_and_after()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            d.Outputs.Remove("show running-config crypto ipsec"); // refused before and after the clear
            var sink = new FakeSink();
            RemediationService.ClearInactive(Target(d, SeedFlow), null, Options(), sink, CancellationToken.None);
            Assert.Single(sink.Warnings, w => w.Contains("show running-config crypto ipsec", StringComparison.Ordinal));
            Assert.Equal(2, d.Commands.Count(c => c == "show running-config crypto ipsec"));
        }

        [Fact]
        public void A_prompt_that_differs_from_the_last_saved_clear_is_one_warning_per_device_not_one_before_and_one_after()
        {
            var dir = Directory.CreateTempSubdirectory("spitools-clear-renamed").FullName;
            try
            {
                DeviceTarget Saved(ScriptedDevice d, string name)
                {
                    var t = Target(d, SeedFlow);
                    t.InventoryName = name;
                    t.SaveCapture = dir;
                    return t;
                }
                // The last clear of each device saved its evidence (before and after) from a box whose prompt said fw-old.
                foreach (var name in new[] { "edge-a", "edge-b" })
                {
                    var old = ScriptedDevice.SeedAsaWithClear();
                    old.Hostname = "fw-old";
                    Assert.Equal("Cleared", RemediationService.ClearInactive(Saved(old, name), null, Options(), new FakeSink(), CancellationToken.None)!.Status);
                }

                // Now both answer as fw-new: each device's warning once, though its evidence is saved and compared twice.
                var sink = new FakeSink();
                foreach (var name in new[] { "edge-a", "edge-b" })
                {
                    var renamed = ScriptedDevice.SeedAsaWithClear();
                    renamed.Hostname = "fw-new";
                    Assert.Equal("Cleared", RemediationService.ClearInactive(Saved(renamed, name), null, Options(), sink, CancellationToken.None)!.Status);
                }
                var prompts = sink.Warnings.Where(w => w.Contains("its last saved run 'fw-old'", StringComparison.Ordinal)).ToList();
                Assert.Equal(2, prompts.Count);
                Assert.Single(prompts, w => w.StartsWith("edge-a: the prompt names this device 'fw-new'", StringComparison.Ordinal));
                Assert.Single(prompts, w => w.StartsWith("edge-b: the prompt names this device 'fw-new'", StringComparison.Ordinal));
                Assert.Equal(sink.Warnings.Count, sink.Warnings.Distinct(StringComparer.Ordinal).Count());
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void A_disconnect_right_after_the_clear_is_ClearedUnverified_with_a_next_step_by_hand()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            d.DisconnectDuring.Add(Clear);
            var sink = new FakeSink();
            var r = RemediationService.ClearInactive(Target(d, SeedFlow), null, Options(), sink, CancellationToken.None);
            Assert.Equal("ClearedUnverified", r!.Status);
            Assert.Equal(Clear, r.CommandSent);
            Assert.False(r.Resolved);
            Assert.Contains("verify by hand", r.NextStep);
            Assert.Equal(ErrorIds.DeviceDisconnected, Assert.Single(sink.Errors).Id);
        }

        [Fact]
        public void A_clear_whose_answer_never_comes_is_ClearedUnverified_within_its_timeout()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            d.Outputs[Clear] = "Clearing...";
            d.HangAfter.Add(Clear);
            var target = Target(d, SeedFlow);
            target.CommandTimeout = TimeSpan.FromMilliseconds(600);
            var sink = new FakeSink();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var r = RemediationService.ClearInactive(target, null, Options(), sink, CancellationToken.None);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
            Assert.Equal("ClearedUnverified", r!.Status);
            Assert.Equal(Clear, r.CommandSent);
            Assert.Contains("Clearing...", r.DeviceResponse);
            Assert.Equal(ErrorIds.OutputIncomplete, Assert.Single(sink.Errors).Id);
        }

        [Fact]
        public void Cancelled_in_the_settle_wait_the_clear_is_still_in_the_result()
        {
            var d = ScriptedDevice.SeedAsaWithClear();
            var options = Options();
            options.SettleDelay = TimeSpan.FromSeconds(30);
            using var cts = new CancellationTokenSource();
            var watcher = new Thread(() =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (!d.Commands.ToArray().Contains(Clear) && clock.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(20);
                Thread.Sleep(200);
                cts.Cancel();
            });
            watcher.Start();
            var r = RemediationService.ClearInactive(Target(d, SeedFlow), null, options, new FakeSink(), cts.Token);
            watcher.Join();
            Assert.Equal("ClearedUnverified", r!.Status);
            Assert.Equal(Clear, r.CommandSent);
            Assert.Equal(1, d.Commands.Count(c => c == Clear));

            // Not reached: NotAttempted, nothing sent.
            var never = RemediationService.NotAttempted(Target(ScriptedDevice.SeedAsa(), SeedFlow));
            Assert.Equal("NotAttempted", never.Status);
            Assert.Null(never.CommandSent);
        }
    }
}
