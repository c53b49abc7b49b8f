using System;
using System.Collections.Generic;

namespace SpiTools.Devices
{
    /// <summary>
    /// Everything SpiTools knows about one Cisco platform, as data: how its prompt and <c>show version</c> tell it,
    /// how its refusals and error lines read, how paging is turned off, the commands of each collection step, the
    /// log filter, the default lifetimes the diagnosis assumes, and the clear commands it has. The session, the
    /// collection plan and the diagnosis read it from here; a new platform is a new instance below (and its
    /// <see cref="DevicePlatform"/> value). Every command listed is one of <see cref="CommandPolicy"/>'s forms.
    /// </summary>
    public sealed class PlatformProfile
    {
        private PlatformProfile(DevicePlatform platform, string name, string recordPlatform)
        {
            Platform = platform;
            Name = name;
            RecordPlatform = recordPlatform;
        }

        /// <summary>The platform.</summary>
        public DevicePlatform Platform { get; }

        /// <summary>Its name as Cisco writes it and findings print it (<c>ASA</c>, <c>FTD</c>, <c>IOS-XE</c>).</summary>
        public string Name { get; }

        /// <summary>
        /// The <c>Platform</c> value the parsed records of its outputs carry (<see cref="PlatformNames.Asa"/> for ASA and
        /// FTD, <see cref="PlatformNames.Ios"/> for IOS and IOS-XE): the output dialect, which is all a capture tells.
        /// </summary>
        public string RecordPlatform { get; }

        // ------------------------------------------------------------------ prompt and setup

        /// <summary>A prompt with no host name that alone tells the platform and is privileged (FTD's <c>&gt;</c>); null when none.</summary>
        public string? BarePrompt { get; private set; }

        /// <summary>True when the platform has <c>enable</c> (FTD's CLISH has none: its <c>&gt;</c> is privileged).</summary>
        public bool HasEnable { get; private set; } = true;

        /// <summary>Texts of <c>show version</c> that name the platform (any one, case-insensitive).</summary>
        public IReadOnlyList<string> VersionMarkers { get; private set; } = Array.Empty<string>();

        /// <summary>True when the platform refuses a command with a bare <c>%</c> line (IOS, IOS-XE); ASA and FTD put <c>ERROR:</c> first.</summary>
        public bool RefusesWithPercent { get; private set; }

        /// <summary>The commands that turn paging off (none on FTD's CLISH: pages are answered as they come). A refusal is a warning.</summary>
        internal IReadOnlyList<DeviceCommand> PagingCommands { get; private set; } = Array.Empty<DeviceCommand>();

        /// <summary>The texts of <see cref="PagingCommands"/>.</summary>
        public IReadOnlyList<string> Paging => Texts(PagingCommands);

        // ------------------------------------------------------------------ error lines

        /// <summary>Starts of a line (case-insensitive) that make it the device's refusal of a command (<c>ERROR:</c>).</summary>
        public IReadOnlyList<string> ErrorLineStarts { get; private set; } = Array.Empty<string>();

        /// <summary>Texts anywhere in a line (case-insensitive) that make it a refusal (<c>Command authorization failed</c>).</summary>
        public IReadOnlyList<string> ErrorLineTexts { get; private set; } = Array.Empty<string>();

        /// <summary>Texts that make a line starting with <c>%</c> a refusal (<c>% Invalid input detected</c>).</summary>
        public IReadOnlyList<string> PercentErrorTexts { get; private set; } = Array.Empty<string>();

        // ------------------------------------------------------------------ collection steps

        /// <summary>True when <c>packet-tracer</c> and the VPN contexts (<c>show asp table vpn-context detail</c>) exist (ASA, FTD).</summary>
        public bool HasPacketTracer { get; private set; }

        /// <summary>True when <c>show crypto ipsec sa inactive</c> exists (ASA, FTD).</summary>
        public bool HasInactiveSas { get; private set; }

        /// <summary>The IKE SA tables.</summary>
        internal IReadOnlyList<DeviceCommand> IkeCommands { get; private set; } = Array.Empty<DeviceCommand>();

        /// <summary>The configured and negotiated lifetimes.</summary>
        internal IReadOnlyList<DeviceCommand> LifetimeCommands { get; private set; } = Array.Empty<DeviceCommand>();

        /// <summary>The SA-relevant lines of the log buffer: <c>show logging | include …</c> with this platform's fixed filter.</summary>
        public string LogFilter { get; private set; } = "";

        /// <summary>The texts of <see cref="IkeCommands"/>.</summary>
        public IReadOnlyList<string> IkeSaCommands => Texts(IkeCommands);

        /// <summary>The texts of <see cref="LifetimeCommands"/>.</summary>
        public IReadOnlyList<string> LifetimeShowCommands => Texts(LifetimeCommands);

        // ------------------------------------------------------------------ lifetimes

        /// <summary>The IPsec SA lifetime in seconds when the configuration sets none (ASA, FTD 28800; IOS-XE 3600).</summary>
        public long DefaultIpsecLifetimeSeconds { get; private set; }

        /// <summary>The IPsec SA volume lifetime in kB when the configuration sets none.</summary>
        public long DefaultIpsecLifetimeKilobytes { get; private set; }

        // ------------------------------------------------------------------ clears

        /// <summary>
        /// The state-changing commands SpiTools sends on this platform after the user's confirmation
        /// (<c>clear crypto ipsec sa inactive</c> on ASA and FTD; none on IOS-XE).
        /// </summary>
        public IReadOnlyList<string> ClearCommands { get; private set; } = Array.Empty<string>();

        /// <summary>Printed in findings, never sent: every IPsec SA to a peer ({0} the peer).</summary>
        public string ClearPeerForm { get; private set; } = "";

        /// <summary>Printed in findings, never sent: the SA pair of one SPI ({0} the peer, {1} the SPI).</summary>
        public string ClearEntryForm { get; private set; } = "";

        /// <summary>The clear of every IPsec SA to <paramref name="peer"/>, as printed in findings.</summary>
        public string ClearPeer(string? peer) => string.Format(System.Globalization.CultureInfo.InvariantCulture, ClearPeerForm, peer);

        /// <summary>The clear of one SA pair, as printed in findings.</summary>
        public string ClearEntry(string? peer, string? spi) => string.Format(System.Globalization.CultureInfo.InvariantCulture, ClearEntryForm, peer, spi);

        // ------------------------------------------------------------------ the platforms

        private static readonly string[] CommonPercentErrors =
            { "Invalid input", "Ambiguous command", "Incomplete command", "Unknown command", "Invalid command" };

        /// <summary>Cisco ASA (single or multiple context).</summary>
        public static PlatformProfile Asa { get; } = new PlatformProfile(DevicePlatform.Asa, PlatformNames.Asa, PlatformNames.Asa)
        {
            VersionMarkers = new[] { "Adaptive Security Appliance" },
            PagingCommands = new[] { DeviceCommand.TerminalPager0() },
            ErrorLineStarts = new[] { "ERROR:" },
            ErrorLineTexts = new[] { "Command authorization failed" },
            PercentErrorTexts = CommonPercentErrors,
            HasPacketTracer = true,
            HasInactiveSas = true,
            IkeCommands = new[] { DeviceCommand.ShowCryptoIkev1SaDetail(), DeviceCommand.ShowCryptoIkev2SaDetail() },
            LifetimeCommands = new[] { DeviceCommand.ShowRunningConfigCryptoIpsec(), DeviceCommand.ShowVpnSessiondbDetailL2l() },
            LogFilter = CommandPolicy.AsaLogFilter,
            DefaultIpsecLifetimeSeconds = 28800,
            DefaultIpsecLifetimeKilobytes = 4608000,
            ClearCommands = new[] { CommandPolicy.ClearInactiveSas },
            ClearPeerForm = "clear crypto ipsec sa peer {0}",
            ClearEntryForm = "clear crypto ipsec sa entry {0} esp {1}",
        };

        /// <summary>Cisco Firepower Threat Defense: the ASA's LINA commands from the bare <c>&gt;</c> prompt, no enable, no paging command.</summary>
        public static PlatformProfile Ftd { get; } = new PlatformProfile(DevicePlatform.Ftd, PlatformNames.Ftd, PlatformNames.Asa)
        {
            BarePrompt = ">",
            HasEnable = false,
            VersionMarkers = new[] { "Firepower Threat Defense" },
            ErrorLineStarts = Asa.ErrorLineStarts,
            ErrorLineTexts = Asa.ErrorLineTexts,
            PercentErrorTexts = CommonPercentErrors,
            HasPacketTracer = true,
            HasInactiveSas = true,
            IkeCommands = Asa.IkeCommands,
            LifetimeCommands = Asa.LifetimeCommands,
            LogFilter = CommandPolicy.AsaLogFilter,
            DefaultIpsecLifetimeSeconds = Asa.DefaultIpsecLifetimeSeconds,
            DefaultIpsecLifetimeKilobytes = Asa.DefaultIpsecLifetimeKilobytes,
            ClearCommands = Asa.ClearCommands,
            ClearPeerForm = Asa.ClearPeerForm,
            ClearEntryForm = Asa.ClearEntryForm,
        };

        /// <summary>Cisco IOS-XE (and classic IOS).</summary>
        public static PlatformProfile IosXe { get; } = new PlatformProfile(DevicePlatform.IosXe, PlatformNames.IosXe, PlatformNames.Ios)
        {
            VersionMarkers = new[] { "IOS XE", "IOS-XE", "Cisco IOS Software" },
            RefusesWithPercent = true,
            PagingCommands = new[] { DeviceCommand.TerminalLength0(), DeviceCommand.TerminalWidth512() },
            PercentErrorTexts = new[] { "Invalid input", "Ambiguous command", "Incomplete command", "Unknown command", "Invalid command", "Authorization failed" },
            IkeCommands = new[] { DeviceCommand.ShowCryptoIsakmpSaDetail(), DeviceCommand.ShowCryptoIkev2SaDetail() },
            LifetimeCommands = new[] { DeviceCommand.ShowCryptoIpsecProfile(), DeviceCommand.ShowCryptoIpsecSaLifetime() },
            LogFilter = CommandPolicy.IosLogFilter,
            DefaultIpsecLifetimeSeconds = 3600,
            DefaultIpsecLifetimeKilobytes = 4608000,
            ClearPeerForm = "clear crypto sa peer {0}",
            ClearEntryForm = "clear crypto sa entry {0} esp {1}",
        };

        /// <summary>Every platform, in the order <c>show version</c> is matched against them (FTD's text before ASA's).</summary>
        public static IReadOnlyList<PlatformProfile> All { get; } = new[] { Ftd, Asa, IosXe };

        /// <summary>The profile of <paramref name="platform"/>; <see cref="DevicePlatform.Auto"/> (not found out yet) is taken as ASA.</summary>
        public static PlatformProfile For(DevicePlatform platform) => platform switch
        {
            DevicePlatform.Ftd => Ftd,
            DevicePlatform.IosXe => IosXe,
            _ => Asa,
        };

        /// <summary>
        /// The Cisco profile of a parsed record's <c>Platform</c> value: IOS-XE for <see cref="PlatformNames.Ios"/>, else ASA
        /// (a far end that is not Cisco has its own row in <c>Diagnosis.PlatformFacts</c>).
        /// </summary>
        public static PlatformProfile ForRecord(string? recordPlatform) =>
            string.Equals(recordPlatform, PlatformNames.Ios, StringComparison.Ordinal) ? IosXe : Asa;

        /// <summary>The platform <c>show version</c> names, or null when it names none of them.</summary>
        public static PlatformProfile? FromVersion(string showVersion)
        {
            foreach (var p in All)
                foreach (var marker in p.VersionMarkers)
                    if (showVersion.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0) return p;
            return null;
        }

        /// <summary>The platform a refused <c>show version</c> points to by the form of its error line (<see cref="RefusesWithPercent"/>).</summary>
        public static PlatformProfile FromRefusal(string? errorLine) =>
            (errorLine?.TrimStart() ?? "").StartsWith("%", StringComparison.Ordinal) ? IosXe : Asa;

        /// <inheritdoc />
        public override string ToString() => Name;

        private static IReadOnlyList<string> Texts(IReadOnlyList<DeviceCommand> commands)
        {
            var list = new string[commands.Count];
            for (int i = 0; i < list.Length; i++) list[i] = commands[i].Text;
            return list;
        }
    }
}
