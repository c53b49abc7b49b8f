using Xunit;

namespace SpiTools.Simulator.Tests;

/// <summary>The simulator driven directly over stdin/stdout.</summary>
public sealed class SimulatorTests
{
    private const string Asa = "asa-stale-spi";
    private const string IosXe = "iosxe-dmvpn-multi-spi";
    private const string Secret = "sim-enable-secret";
    private const string SaFile = "show-crypto-ipsec-sa.txt";
    private const string AspFile = "show-asp-table-vpn-context-detail.txt";

    internal static SimProcess AsaEnabled(IEnumerable<string>? faults = null, string? recordPath = null, string scenario = Asa, string? environmentFaults = null)
    {
        var sim = new SimProcess(scenario, recordPath, faults, environmentFaults);
        sim.ReadUntil("fw-edge1> ");
        sim.Line("enable");
        sim.ReadUntil("Password: ");
        sim.Line(Secret);
        sim.ReadUntil("fw-edge1# ");
        return sim;
    }

    [Fact]
    public void AsaLoginShowsBannerThenUserPromptAndEnableGivesPrivilegedPrompt()
    {
        using var sim = new SimProcess(Asa);
        string greeting = sim.ReadUntil("fw-edge1> ");
        Assert.Equal("Type help or '?' for a list of available commands.\r\nfw-edge1> ", greeting);
        sim.Line("enable");
        Assert.Equal("enable\r\nPassword: ", sim.ReadUntil("Password: "));
        sim.Line(Secret);
        // The ASA echoes one star per character, never the password.
        Assert.Equal(new string('*', Secret.Length) + "\r\nfw-edge1# ", sim.ReadUntil("fw-edge1# "));
        sim.Line("exit");
        Assert.Equal(0, sim.Finish());
        Assert.DoesNotContain(Secret, sim.All());
        Assert.Equal(["enable", "<enable-password>", "exit"], sim.Recording());
    }

    [Fact]
    public void AsaWrongEnablePasswordIsRefusedAndTheRightOneStillWorks()
    {
        using var sim = new SimProcess(Asa);
        sim.ReadUntil("fw-edge1> ");
        sim.Line("en");
        sim.ReadUntil("Password: ");
        sim.Line("not-the-secret");
        Assert.EndsWith("Invalid password\r\nfw-edge1> ", sim.ReadUntil("fw-edge1> "));
        // Still unprivileged: show commands are refused at their second word.
        sim.Line("show crypto ipsec sa");
        Assert.Equal("show crypto ipsec sa\r\n" + new string(' ', "fw-edge1> show ".Length) + "^\r\nERROR: % Invalid input detected at '^' marker.\r\nfw-edge1> ",
            sim.ReadUntil("fw-edge1> "));
        sim.Line("enable");
        sim.ReadUntil("Password: ");
        sim.Line(Secret);
        sim.ReadUntil("fw-edge1# ");
        Assert.Equal(0, sim.Finish());
        string[] recording = sim.Recording();
        Assert.Equal(["en", "<enable-password>", "show crypto ipsec sa", "enable", "<enable-password>"], recording);
        Assert.DoesNotContain(recording, l => l.Contains("not-the-secret") || l.Contains(Secret));
    }

    [Fact]
    public void IosXeWrongEnablePasswordThreeTimesGivesBadSecretsAndTheRightOneStillWorks()
    {
        using var sim = new SimProcess(IosXe);
        Assert.Equal("ASR1>", sim.ReadUntil("ASR1>"));
        sim.Line("enable");
        for (int i = 0; i < 3; i++)
        {
            sim.ReadUntil("Password: ");
            sim.Line("wrong" + i);
        }
        Assert.EndsWith("% Bad secrets\r\n\r\nASR1>", sim.ReadUntil("ASR1>"));
        sim.Line("enable");
        sim.ReadUntil("Password: ");
        sim.Line(Secret);
        // IOS echoes nothing for the password.
        Assert.Equal("\r\nASR1#", sim.ReadUntil("ASR1#"));
        Assert.Equal(0, sim.Finish());
        Assert.Equal(["enable", "<enable-password>", "<enable-password>", "<enable-password>", "enable", "<enable-password>"], sim.Recording());
    }

    [Fact]
    public void AsaPagerStopsEveryPageUntilTerminalPagerZero()
    {
        using var sim = AsaEnabled();
        string expected = SimProcess.Served(Asa, "device", SaFile);
        int lines = expected.Split("\r\n").Length - 1;
        Assert.True(lines > 48, "the capture must span more than two pages");

        sim.Line("show crypto ipsec sa");
        string firstPage = sim.ReadUntil("<--- More --->");
        Assert.Equal(24, firstPage.Split("\r\n").Length - 2); // echo line + 24 lines, then the pager prompt
        sim.Send(" ");
        sim.ReadUntil("<--- More --->");
        sim.Send(" ");
        sim.ReadUntil("<--- More --->");
        sim.Send(" ");
        string rest = sim.ReadUntil("fw-edge1# ");
        Assert.DoesNotContain("More", rest);

        // 'q' stops the output and gives the prompt back.
        sim.Line("show crypto ipsec sa");
        sim.ReadUntil("<--- More --->");
        sim.Send("q");
        Assert.EndsWith("\rfw-edge1# ", sim.ReadUntil("fw-edge1# "));

        sim.Line("terminal pager 0");
        Assert.Equal("terminal pager 0\r\nfw-edge1# ", sim.ReadUntil("fw-edge1# "));
        sim.Line("show crypto ipsec sa");
        Assert.Equal("show crypto ipsec sa\r\n" + expected + "fw-edge1# ", sim.ReadUntil("fw-edge1# "));
        Assert.Equal(0, sim.Finish());
        Assert.Equal(["enable", "<enable-password>", "show crypto ipsec sa", "<pager:space>", "<pager:space>", "<pager:space>",
            "show crypto ipsec sa", "<pager:q>", "terminal pager 0", "show crypto ipsec sa"], sim.Recording());
    }

    [Fact]
    public void IosXePagerUsesMoreAndTerminalLengthZeroTurnsItOff()
    {
        using var sim = new SimProcess(IosXe);
        sim.ReadUntil("ASR1>");
        sim.Line("terminal width 512");
        Assert.Equal("terminal width 512\r\nASR1>", sim.ReadUntil("ASR1>"));
        sim.Line("enable");
        sim.ReadUntil("Password: ");
        sim.Line(Secret);
        sim.ReadUntil("ASR1#");
        string expected = SimProcess.Served(IosXe, "device", "show-crypto-ipsec-sa-peer.txt");
        sim.Line("sh crypto ipsec sa peer 172.17.3.2");
        sim.ReadUntil(" --More-- ");
        sim.Send("\r");  // Enter: one more line
        sim.ReadUntil(" --More-- ");
        sim.Send("q");
        sim.ReadUntil("ASR1#");
        sim.Line("terminal length 0");
        sim.ReadUntil("ASR1#");
        sim.Line("sh crypto ipsec sa peer 172.17.3.2");
        Assert.Equal("sh crypto ipsec sa peer 172.17.3.2\r\n" + expected + "ASR1#", sim.ReadUntil("ASR1#"));
        Assert.Equal(0, sim.Finish());
    }

    [Fact]
    public void AbbreviationsMatchAsOnTheDeviceAndAmbiguousOnesAreRefused()
    {
        using var sim = AsaEnabled(["drip=0"]);
        sim.Line("ter pa 0");
        sim.ReadUntil("fw-edge1# ");
        sim.Line("sh cry ips sa");
        Assert.Equal("sh cry ips sa\r\n" + SimProcess.Served(Asa, "device", SaFile) + "fw-edge1# ", sim.ReadUntil("fw-edge1# "));
        sim.Line("sh asp tab vpn-context det");
        Assert.Equal("sh asp tab vpn-context det\r\n" + SimProcess.Served(Asa, "device", AspFile) + "fw-edge1# ", sim.ReadUntil("fw-edge1# "));
        sim.Line("packet-tracer in inside udp 10.255.203.102 1610 10.220.100.17 3389 det");
        string trace = sim.ReadUntil("fw-edge1# ");
        Assert.Contains("user_data=0x2d2ea0a4", trace);
        sim.Line("s");
        Assert.Equal("s\r\nERROR: % Ambiguous command:  \"s\"\r\nfw-edge1# ", sim.ReadUntil("fw-edge1# "));
        sim.Line("sh cry i sa");
        Assert.Equal("sh cry i sa\r\nERROR: % Ambiguous command:  \"sh cry i\"\r\nfw-edge1# ", sim.ReadUntil("fw-edge1# "));
        sim.Line("show crypto ipsec");
        Assert.Equal("show crypto ipsec\r\nERROR: % Incomplete command\r\nfw-edge1# ", sim.ReadUntil("fw-edge1# "));
        // The flow's arguments select the capture: another flow is not served.
        sim.Line("packet-tracer input inside udp 10.255.203.102 1610 10.220.100.18 3389 detailed");
        Assert.Contains("ERROR: % Invalid input detected at '^' marker.", sim.ReadUntil("fw-edge1# "));
        Assert.Equal(0, sim.Finish());
    }

    [Fact]
    public void UnknownCommandsGetThePlatformsErrorWithTheCaretUnderTheBadWord()
    {
        using (var asa = AsaEnabled())
        {
            asa.Line("show crypto ipsex sa");
            Assert.Equal("show crypto ipsex sa\r\n" + new string(' ', "fw-edge1# show crypto ".Length) + "^\r\nERROR: % Invalid input detected at '^' marker.\r\nfw-edge1# ",
                asa.ReadUntil("fw-edge1# "));
            asa.Line("frobnicate");
            Assert.Equal("frobnicate\r\n" + new string(' ', "fw-edge1# ".Length) + "^\r\nERROR: % Invalid input detected at '^' marker.\r\nfw-edge1# ",
                asa.ReadUntil("fw-edge1# "));
            Assert.Equal(0, asa.Finish());
        }
        using var ios = new SimProcess(IosXe);
        ios.ReadUntil("ASR1>");
        ios.Line("enable");
        ios.ReadUntil("Password: ");
        ios.Line(Secret);
        ios.ReadUntil("ASR1#");
        ios.Line("terminal length 0");
        ios.ReadUntil("ASR1#");
        ios.Line("sh cry ipsex sa");
        Assert.Equal("sh cry ipsex sa\r\n" + new string(' ', "ASR1#sh cry ".Length) + "^\r\n% Invalid input detected at '^' marker.\r\n\r\nASR1#",
            ios.ReadUntil("ASR1#"));
        ios.Line("sh cry ips profile");
        Assert.Contains("IPSEC profile ENS_ipsec_profile", ios.ReadUntil("ASR1#"));
        Assert.Equal(0, ios.Finish());
    }

    [Fact]
    public void ConfigureTerminalChangesThePromptAndIsRecorded()
    {
        using var sim = AsaEnabled();
        sim.Line("configure terminal");
        Assert.Equal("configure terminal\r\nfw-edge1(config)# ", sim.ReadUntil("fw-edge1(config)# "));
        sim.Line("end");
        Assert.Equal("end\r\nfw-edge1# ", sim.ReadUntil("fw-edge1# "));
        Assert.Equal(0, sim.Finish());
        Assert.Contains("configure terminal", sim.Recording());
    }

    [Fact]
    public void FtdHasTheBareGreaterThanPromptAndNoEnable()
    {
        using var sim = new SimProcess("ftd-stale-spi");
        Assert.Equal("> ", sim.ReadUntil("> "));
        sim.Line("enable");
        Assert.Contains("ERROR: % Invalid input detected at '^' marker.", sim.ReadUntil("> "));
        sim.Line("terminal pager 0");
        sim.ReadUntil("> ");
        sim.Line("show crypto ipsec sa");
        Assert.Equal("show crypto ipsec sa\r\n" + SimProcess.Served("ftd-stale-spi", "device", SaFile) + "> ", sim.ReadUntil("\r\n> "));
        Assert.Equal(0, sim.Finish());
    }

    [Fact]
    public void MultiContextAsaServesEachContextsOutputs()
    {
        const string scenario = "asa-multi-context";
        using var sim = new SimProcess(scenario);
        sim.ReadUntil("fw-edge1/admin> ");
        sim.Line("enable");
        sim.ReadUntil("Password: ");
        sim.Line(Secret);
        sim.ReadUntil("fw-edge1/admin# ");
        sim.Line("terminal pager 0");
        sim.ReadUntil("fw-edge1/admin# ");
        sim.Line("changeto context cust-a");
        Assert.Equal("changeto context cust-a\r\nfw-edge1/cust-a# ", sim.ReadUntil("fw-edge1/cust-a# "));
        sim.Line("show asp table vpn-context detail");
        Assert.Equal("show asp table vpn-context detail\r\n" + SimProcess.Served(scenario, "cust-a", AspFile) + "fw-edge1/cust-a# ", sim.ReadUntil("fw-edge1/cust-a# "));
        sim.Line("changeto context cust-b");
        sim.ReadUntil("fw-edge1/cust-b# ");
        sim.Line("show asp table vpn-context detail");
        string b = sim.ReadUntil("fw-edge1/cust-b# ");
        Assert.Equal("show asp table vpn-context detail\r\n" + SimProcess.Served(scenario, "cust-b", AspFile) + "fw-edge1/cust-b# ", b);
        Assert.DoesNotContain("0x2D2EA0A4", b);
        sim.Line("changeto context nosuch");
        Assert.Contains("ERROR: % Invalid input detected at '^' marker.", sim.ReadUntil("fw-edge1/cust-b# "));
        sim.Line("changeto system");
        sim.ReadUntil("fw-edge1# ");
        // The system context has no crypto outputs.
        sim.Line("show crypto ipsec sa");
        Assert.Contains("ERROR: % Invalid input detected at '^' marker.", sim.ReadUntil("fw-edge1# "));
        Assert.Equal(0, sim.Finish());
    }
}
