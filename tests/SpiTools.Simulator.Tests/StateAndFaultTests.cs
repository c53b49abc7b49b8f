using System.Text;
using Xunit;

namespace SpiTools.Simulator.Tests;

/// <summary>State that survives across logins, and each injectable fault.</summary>
public sealed class StateAndFaultTests
{
    private const string Asa = "asa-stale-spi";
    private const string SaFile = "show-crypto-ipsec-sa.txt";
    private const string AspFile = "show-asp-table-vpn-context-detail.txt";

    private static string Show(SimProcess sim, string command, string prompt = "fw-edge1# ")
    {
        sim.Line(command);
        string text = sim.ReadUntil(prompt);
        return text[(command.Length + 2)..^prompt.Length];
    }

    [Fact]
    public void ClearInASecondLoginChangesTheOutputsOfTheNextLogin()
    {
        string record = Path.Combine(Directory.CreateTempSubdirectory("spitools-sim-test-").FullName, "recording.log");
        using (var first = SimulatorTests.AsaEnabled(recordPath: record))
        {
            Show(first, "terminal pager 0");
            Assert.Equal(SimProcess.Served(Asa, "device", AspFile), Show(first, "show asp table vpn-context detail"));
            Assert.Equal(0, first.Finish());
        }
        using (var second = SimulatorTests.AsaEnabled(recordPath: record))
        {
            // Accepted silently, as on the device.
            Assert.Equal("", Show(second, "clear crypto ipsec sa inactive"));
            Assert.Equal(0, second.Finish());
        }
        using (var third = SimulatorTests.AsaEnabled(recordPath: record))
        {
            Show(third, "terminal pager 0");
            string after = Show(third, "show asp table vpn-context detail");
            Assert.Equal(SimProcess.Served(Asa, "device-after-clear", AspFile), after);
            Assert.DoesNotContain("0x2D2EA0A4", after);
            Assert.Contains("#pkts encaps: 152", Show(third, "show crypto ipsec sa"));
            Assert.Equal(0, third.Finish());
        }
        Assert.Equal(
            ["enable", "<enable-password>", "terminal pager 0", "show asp table vpn-context detail",
             "enable", "<enable-password>", "clear crypto ipsec sa inactive",
             "enable", "<enable-password>", "terminal pager 0", "show asp table vpn-context detail", "show crypto ipsec sa"],
            File.ReadAllLines(record));
    }

    [Fact]
    public void ClearDoesNotHelpWhereTheInactiveSasStay()
    {
        const string scenario = "ftd-inactive-sa-stuck";
        string record = Path.Combine(Directory.CreateTempSubdirectory("spitools-sim-test-").FullName, "recording.log");
        string before;
        using (var sim = new SimProcess(scenario, record))
        {
            sim.ReadUntil("> ");
            Show(sim, "terminal pager 0", "> ");
            before = Show(sim, "show asp table vpn-context detail", "\r\n> ");
            Show(sim, "clear crypto ipsec sa inactive", "> ");
            Assert.Equal(0, sim.Finish());
        }
        using (var again = new SimProcess(scenario, record))
        {
            again.ReadUntil("> ");
            Show(again, "terminal pager 0", "> ");
            string after = Show(again, "show asp table vpn-context detail", "\r\n> ");
            Assert.Equal(before, after);
            Assert.Contains("0x2D2EA0A4", after);
            Assert.Equal(0, again.Finish());
        }
        // The same clear in the scenario where it works does change the outputs.
        string record2 = Path.Combine(Directory.CreateTempSubdirectory("spitools-sim-test-").FullName, "recording.log");
        using (var works = new SimProcess("ftd-stale-spi", record2))
        {
            works.ReadUntil("> ");
            Show(works, "terminal pager 0", "> ");
            Show(works, "clear crypto ipsec sa inactive", "> ");
            Assert.DoesNotContain("0x2D2EA0A4", Show(works, "show asp table vpn-context detail", "\r\n> "));
            Assert.Equal(0, works.Finish());
        }
    }

    [Fact]
    public void DripSendsTheSameBytesInManySmallPieces()
    {
        using var plain = SimulatorTests.AsaEnabled();
        Show(plain, "terminal pager 0");
        string expected = Show(plain, "show asp table vpn-context detail");
        plain.Finish();

        using var sim = SimulatorTests.AsaEnabled(["drip=1/16"]);
        Show(sim, "terminal pager 0");
        int readsBefore = sim.Reads;
        string dripped = Show(sim, "show asp table vpn-context detail");
        Assert.Equal(expected, dripped);
        // Without the fault the whole output is one write; with it, at most 16 bytes at a time.
        Assert.True(sim.Reads - readsBefore >= 10, $"only {sim.Reads - readsBefore} reads");
        Assert.Equal(0, sim.Finish());
    }

    [Fact]
    public void DisconnectEndsTheSessionMidOutput()
    {
        using var sim = SimulatorTests.AsaEnabled(["disconnect=10"]);
        Show(sim, "terminal pager 0");
        sim.Line("show crypto ipsec sa");
        Assert.Equal(3, sim.Finish());
        string all = sim.All();
        string tail = all[(all.LastIndexOf("show crypto ipsec sa\r\n", StringComparison.Ordinal) + "show crypto ipsec sa\r\n".Length)..];
        string full = SimProcess.Served(Asa, "device", SaFile);
        string firstTen = string.Concat(full.Split("\r\n").Take(10).Select(l => l + "\r\n"));
        Assert.Equal(firstTen, tail);
    }

    [Fact]
    public void NoPromptAfterTheOutputYetTheNextCommandStillRuns()
    {
        using var sim = SimulatorTests.AsaEnabled(["no-prompt"]);
        Show(sim, "terminal pager 0");
        sim.Line("show asp table vpn-context detail");
        string expected = "show asp table vpn-context detail\r\n" + SimProcess.Served(Asa, "device", AspFile);
        Assert.Equal(expected, sim.ReadUntil(expected));
        Thread.Sleep(300);
        Assert.EndsWith(expected, sim.All());
        // Commands without output still get their prompt.
        sim.Line("terminal pager 0");
        Assert.Equal("terminal pager 0\r\nfw-edge1# ", sim.ReadUntil("fw-edge1# "));
        Assert.Equal(0, sim.Finish());
    }

    [Fact]
    public void GarbageBytesLandInsideTheOutputAndTheRestIsIntact()
    {
        using var sim = SimulatorTests.AsaEnabled(["garbage"]);
        Show(sim, "terminal pager 0");
        sim.Line("show asp table vpn-context detail");
        sim.ReadUntil("fw-edge1# ");
        Assert.Equal(0, sim.Finish());
        byte[] bytes = sim.AllBytes();
        int at = IndexOf(bytes, [0x00, 0xFF, 0xFE, 0x1B]);
        Assert.True(at > 0, "no garbage bytes");
        byte[] clean = bytes[..at].Concat(bytes[(at + 11)..]).ToArray();
        string text = Encoding.UTF8.GetString(clean);
        Assert.Contains("show asp table vpn-context detail\r\n" + SimProcess.Served(Asa, "device", AspFile) + "fw-edge1# ", text);
    }

    [Fact]
    public void StickyPagerIgnoresTerminalPagerZeroWhileTheNormalOneObeys()
    {
        using (var normal = SimulatorTests.AsaEnabled())
        {
            Show(normal, "terminal pager 0");
            Assert.DoesNotContain("<--- More --->", Show(normal, "show crypto ipsec sa"));
            normal.Finish();
        }
        using var sim = SimulatorTests.AsaEnabled(["sticky-pager"]);
        Show(sim, "terminal pager 0");
        sim.Line("show crypto ipsec sa");
        sim.ReadUntil("<--- More --->");
        sim.Send("q");
        sim.ReadUntil("fw-edge1# ");
        Assert.Equal(0, sim.Finish());
    }

    [Fact]
    public void DeniedCommandsFailAuthorizationWhileOthersRun()
    {
        using var sim = SimulatorTests.AsaEnabled(["deny=terminal pager", "deny=clear crypto"]);
        Assert.Equal("Command authorization failed\r\n", Show(sim, "ter pa 0"));
        Assert.Equal("Command authorization failed\r\n", Show(sim, "clear cry ips sa inactive"));
        sim.Line("show asp table vpn-context detail | include SPI  ");
        string filtered = sim.ReadUntil("fw-edge1# ");
        Assert.Contains("SPI      = 0x25A3076D", filtered);
        Assert.Equal(0, sim.Finish());
        // The denied clear changed nothing.
        Assert.False(File.Exists(sim.RecordPath + ".state"));
    }

    [Fact]
    public void TheLogFilterOfTheCollectionKeepsOnlyTheSaMessages()
    {
        const string log = "show logging | include 40211[46]|60230[34]|71311[9]|713120|713049";
        // fw-branch's log: its four invalid-SPI drops, without the buffer's header.
        using (var far = new SimProcess("asa-stale-spi-far-end"))
        {
            far.ReadUntil("fw-branch> ");
            far.Line("enable");
            far.ReadUntil("Password: ");
            far.Line("sim-enable-secret");
            far.ReadUntil("fw-branch# ");
            far.Line("terminal pager 0");
            far.ReadUntil("fw-branch# ");
            far.Line(log);
            var lines = far.ReadUntil("fw-branch# ").Split("\r\n");
            Assert.Equal(log, lines[0]);
            Assert.Equal(4, lines.Count(l => l.Contains("%ASA-4-402114: IPSEC: Received an ESP packet (SPI= 0x25A3076D", StringComparison.Ordinal)));
            Assert.Equal(6, lines.Length); // echo, four drops, the prompt
            Assert.Equal(0, far.Finish());
        }
        // fw-edge1's log holds no SA message: nothing between the echo and the prompt; unfiltered, the whole buffer.
        using var sim = SimulatorTests.AsaEnabled();
        Show(sim, "terminal pager 0");
        Assert.Equal("", Show(sim, log));
        Assert.Contains("%ASA-6-302015", Show(sim, "show logging"));
        Assert.Equal(0, sim.Finish());
    }

    [Fact]
    public void TheIosXeLogFilterKeepsTheIkeDebugOfTheRekeysAndLeavesTheBuffersOtherMessages()
    {
        const string log = "show logging | include RECVD_PKT_INV_SPI|PKT_REPLAY_ERR|SESSION_STATUS|IPSEC|ISAKMP|IKEv2|Message id|sa_dest|sa_spi|sa_conn";
        var buffer = File.ReadAllText(SimProcess.ScenarioFile("iosxe-hub-and-spoke-hub", "device", "show-logging.txt")).Replace("\r\n", "\n").Split('\n');
        using var hub = new SimProcess("iosxe-hub-and-spoke-hub");
        hub.ReadUntil("ASR1>");
        hub.Line("enable");
        hub.ReadUntil("Password: ");
        hub.Line("sim-enable-secret");
        hub.ReadUntil("ASR1#");
        hub.Line("terminal length 0");
        hub.ReadUntil("ASR1#");
        // Each line of the buffer matched against the regular expression: the hub's debug crypto isakmp lines (the
        // collision's and the rekeys'), in order; the header and the syslog messages stay on the device.
        hub.Line(log);
        var lines = hub.ReadUntil("ASR1#").Split("\r\n");
        Assert.Equal(log, lines[0]);
        Assert.Equal(buffer.Where(l => l.Contains(": ISAKMP", StringComparison.Ordinal)), lines[1..^1]);
        Assert.Contains("Sep  7 22:22:46: ISAKMP: (79859):beginning Quick Mode exchange, M-ID of 1405873911", lines);
        Assert.Equal("ASR1#", lines[^1]);
        // Case-sensitive, as IOS matches; unfiltered, the whole buffer.
        hub.Line("show logging | include isakmp");
        Assert.Equal("show logging | include isakmp\r\nASR1#", hub.ReadUntil("ASR1#"));
        hub.Line("show logging");
        var whole = hub.ReadUntil("ASR1#");
        Assert.Contains("%SYS-5-CONFIG_I: Configured from console", whole);
        Assert.Contains("Log Buffer (1000000 bytes):", whole);
        Assert.Equal(0, hub.Finish());
    }

    [Fact]
    public void MissingCommandGivesInvalidInputAsAnOlderReleaseWhileOthersRun()
    {
        using var sim = SimulatorTests.AsaEnabled(environmentFaults: "missing=show asp table vpn-context");
        Show(sim, "terminal pager 0");
        Assert.Equal(new string(' ', "fw-edge1# sh asp tab ".Length) + "^\r\nERROR: % Invalid input detected at '^' marker.\r\n",
            Show(sim, "sh asp tab vpn-context detail"));
        Assert.Equal(SimProcess.Served(Asa, "device", SaFile), Show(sim, "show crypto ipsec sa"));
        Assert.Equal(0, sim.Finish());
    }

    [Fact]
    public void AnUnknownFaultIsRefusedWithAMessage()
    {
        using var bad = new SimProcess(Asa, faults: ["explode"]);
        Assert.Equal(2, bad.Finish());
        using var good = new SimProcess(Asa, faults: ["garbage"]);
        good.ReadUntil("fw-edge1> ");
        Assert.Equal(0, good.Finish());
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                return i;
        }
        return -1;
    }
}
