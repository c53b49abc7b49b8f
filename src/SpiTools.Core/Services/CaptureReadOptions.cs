using System;
using System.Collections.Generic;

namespace SpiTools.Services
{
    /// <summary>What a reading front end wants back: one profile per cmdlet.</summary>
    public sealed class CaptureReadOptions
    {
        /// <summary>The record types to output (others are read, and their damage reported, but not output).</summary>
        public IReadOnlyList<Type> OutputTypes { get; set; } = new[] { typeof(IpsecSa) };

        /// <summary>The device output those records come from, for messages ("holds no show crypto ipsec sa output").</summary>
        public string OutputName { get; set; } = "show crypto ipsec sa";

        /// <summary>Output <see cref="ParseDiagnostic"/> objects too, instead of one warning per capture.</summary>
        public bool IncludeDiagnostic { get; set; }

        /// <summary>Output each packet-tracer phase as a <see cref="PacketTracePhase"/> instead of the trace.</summary>
        public bool ExpandPhases { get; set; }

        /// <summary>Output every record type (the CLI's <c>parse</c>); <see cref="OutputTypes"/> is then ignored.</summary>
        public bool OutputAllTypes { get; set; }

        /// <summary><c>auto</c>, or one capture kind to read every input as (see <c>CaptureFormats.KindNames</c>).</summary>
        public string Kind { get; set; } = "auto";

        /// <summary>When set, told each capture's line accounting when it has been read (the CLI prints it).</summary>
        public Action<string, Parsing.ParseStatistics>? Accounted { get; set; }

        /// <summary>Files at least this large report progress by bytes read.</summary>
        public long ProgressThresholdBytes { get; set; } = 4L * 1024 * 1024;

        /// <summary>What <c>Get-IpsecSa</c> outputs (with the SAs <c>show crypto ipsec sa inactive</c> lists).</summary>
        public static CaptureReadOptions IpsecSas(bool includeDiagnostic) =>
            new CaptureReadOptions { OutputTypes = new[] { typeof(IpsecSa), typeof(InactiveIpsecSa) }, OutputName = "show crypto ipsec sa", IncludeDiagnostic = includeDiagnostic };

        /// <summary>What <c>Get-AsaVpnContext</c> outputs.</summary>
        public static CaptureReadOptions VpnContexts(bool includeDiagnostic) =>
            new CaptureReadOptions { OutputTypes = new[] { typeof(VpnContext) }, OutputName = "show asp table vpn-context detail", IncludeDiagnostic = includeDiagnostic };

        /// <summary>What <c>Get-AsaPacketTrace</c> outputs (<paramref name="phases"/>: its <c>-Phase</c> switch).</summary>
        public static CaptureReadOptions PacketTraces(bool includeDiagnostic, bool phases) =>
            new CaptureReadOptions { OutputTypes = new[] { typeof(PacketTrace) }, OutputName = "packet-tracer", IncludeDiagnostic = includeDiagnostic, ExpandPhases = phases };

        /// <summary>What <c>Get-IpsecLifetime</c> outputs.</summary>
        public static CaptureReadOptions IpsecLifetimes(bool includeDiagnostic) =>
            new CaptureReadOptions
            {
                OutputTypes = new[] { typeof(IpsecLifetime) },
                OutputName = "IPsec lifetime (show crypto ipsec profile, show crypto ipsec security-association lifetime, show running-config crypto ipsec)",
                IncludeDiagnostic = includeDiagnostic,
            };

        /// <summary>What <c>Get-AsaVpnSession</c> outputs.</summary>
        public static CaptureReadOptions VpnSessions(bool includeDiagnostic) =>
            new CaptureReadOptions { OutputTypes = new[] { typeof(VpnSessionTunnel) }, OutputName = "show vpn-sessiondb detail l2l", IncludeDiagnostic = includeDiagnostic };

        /// <summary>What <c>spitools parse</c> outputs: every record, diagnostics included.</summary>
        public static CaptureReadOptions AllRecords(string kind) =>
            new CaptureReadOptions { OutputAllTypes = true, OutputName = "device", IncludeDiagnostic = true, Kind = kind };
        /// <summary>What <c>Get-IkeSa</c> outputs.</summary>
        public static CaptureReadOptions IkeSas(bool includeDiagnostic) =>
            new CaptureReadOptions
            {
                OutputTypes = new[] { typeof(IkeSa) },
                OutputName = "IKE SAs (show crypto ikev1|ikev2|isakmp sa, show crypto session)",
                IncludeDiagnostic = includeDiagnostic,
            };

        /// <summary>What <c>Get-SaEvent</c> outputs.</summary>
        public static CaptureReadOptions SaEvents(bool includeDiagnostic) =>
            new CaptureReadOptions
            {
                OutputTypes = new[] { typeof(SaEvent) },
                OutputName = "SA events (debug crypto isakmp|ikev2|ipsec, ASA / IOS syslog)",
                IncludeDiagnostic = includeDiagnostic,
            };

        /// <summary>The output a record type comes from, for verbose messages.</summary>
        public static string OutputNameOf(string recordType) => recordType switch
        {
            "IpsecSa" => "show crypto ipsec sa",
            "VpnContext" => "show asp table vpn-context detail",
            "PacketTrace" => "packet-tracer",
            "IpsecLifetime" => "IPsec lifetimes",
            "VpnSessionTunnel" => "show vpn-sessiondb detail l2l",
            "IkeSa" => "IKE SA tables",
            "InactiveIpsecSa" => "show crypto ipsec sa inactive",
            "SaEvent" => "logs",
            _ => recordType,
        };
    }
}
