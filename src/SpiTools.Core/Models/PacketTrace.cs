using System.Collections.Generic;

namespace SpiTools
{
    /// <summary>
    /// One ASA <c>packet-tracer input … detail(ed)</c> run: the traced flow, the final result and a flat
    /// summary of the VPN encrypt phase. Each phase is also available as a <see cref="PacketTracePhase"/>.
    /// </summary>
    public sealed class PacketTrace : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "PacketTrace";

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        /// <summary>True when the trace ended before its <c>Result:</c> block (cut or excerpted).</summary>
        public bool Incomplete { get; set; }

        /// <summary>The packet-tracer command as echoed, when it was.</summary>
        public string? Command { get; set; }

        // ---- the traced flow (from the command) ----
        public string? InputInterface { get; set; }
        /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>sctp</c>, <c>rawip</c>.</summary>
        public string? Protocol { get; set; }
        public string? SourceAddress { get; set; }
        public int? SourcePort { get; set; }
        public string? DestinationAddress { get; set; }
        public int? DestinationPort { get; set; }

        // ---- final result block ----
        /// <summary><c>allow</c> or <c>drop</c>, from the final <c>Action:</c>.</summary>
        public string? Action { get; set; }
        public string? DropReason { get; set; }
        public string? ResultInputInterface { get; set; }
        public string? ResultInputStatus { get; set; }
        public string? ResultInputLineStatus { get; set; }
        public string? OutputInterface { get; set; }
        public string? OutputStatus { get; set; }
        public string? OutputLineStatus { get; set; }

        // ---- summary of the VPN encrypt phase ----
        /// <summary>True when a <c>Type: VPN / Subtype: encrypt</c> phase occurred.</summary>
        public bool HasEncryptPhase { get; set; }
        public int? EncryptPhaseNumber { get; set; }
        /// <summary>The encrypt phase's <c>Result:</c> (<c>ALLOW</c>, <c>DROP</c>).</summary>
        public string? EncryptResult { get; set; }
        /// <summary>The encrypt rule's <c>user_data</c>: the VPN context it uses, normalised (<c>0x2D2EA0A4</c>).</summary>
        public string? EncryptVpnContext { get; set; }
        public long? EncryptRuleHits { get; set; }
        public string? EncryptCsId { get; set; }
        public string? EncryptRuleId { get; set; }
        /// <summary>The encrypt rule's <c>src ip/mask</c> (the local proxy).</summary>
        public string? EncryptSource { get; set; }
        /// <summary>The encrypt rule's <c>dst ip/mask</c> (the remote proxy).</summary>
        public string? EncryptDestination { get; set; }

        /// <summary>Other lines of the final result block (<c>Info:</c>, <c>Time Taken:</c>), joined with <c>; </c>.</summary>
        public string? ResultInformation { get; set; }

        /// <summary>Number of phases read.</summary>
        public int PhaseCount { get; set; }

        /// <summary>One-line summary of the phases: <c>1 ACCESS-LIST ALLOW; 6 VPN/encrypt ALLOW; …</c>.</summary>
        public string? PhaseSummary { get; set; }

        /// <summary>The phases in order (not a CSV column; see <see cref="PhaseSummary"/>).</summary>
        public IReadOnlyList<PacketTracePhase> Phases { get; set; } = new List<PacketTracePhase>();

        /// <inheritdoc />
        public override string ToString() => $"{Protocol} {SourceAddress}:{SourcePort} -> {DestinationAddress}:{DestinationPort} {Action}";
    }

    /// <summary>One phase of a packet-tracer run, with the fields of the rule it printed.</summary>
    public sealed class PacketTracePhase : ICaptureRecord
    {
        /// <inheritdoc />
        public string RecordType => "PacketTracePhase";

        /// <inheritdoc />
        public string? Device { get; set; }

        /// <inheritdoc />
        public string? Source { get; set; }

        /// <inheritdoc />
        public int Line { get; set; }

        /// <inheritdoc />
        public int LastLine { get; set; }

        public int? Number { get; set; }
        public string? Type { get; set; }
        public string? Subtype { get; set; }
        public string? Result { get; set; }
        /// <summary>The <c>Config:</c> lines joined with <c>; </c>.</summary>
        public string? Config { get; set; }
        /// <summary>Other <c>Additional Information:</c> lines joined with <c>; </c>.</summary>
        public string? AdditionalInformation { get; set; }
        /// <summary><c>Forward</c> or <c>Reverse</c> flow lookup.</summary>
        public string? LookupFlow { get; set; }
        /// <summary><c>in</c> or <c>out</c> rule.</summary>
        public string? RuleDirection { get; set; }
        public string? RuleId { get; set; }
        public int? Priority { get; set; }
        public string? Domain { get; set; }
        public bool? Deny { get; set; }
        public long? Hits { get; set; }
        /// <summary><c>user_data</c>, normalised; for a VPN encrypt rule, the VPN context.</summary>
        public string? UserData { get; set; }
        public string? CsId { get; set; }
        public string? RuleFlags { get; set; }
        /// <summary>Bare words of the rule (<c>reverse</c>, <c>use_real_addr</c>), joined with <c>; </c>.</summary>
        public string? RuleAttributes { get; set; }
        /// <summary>Rule fields without a property of their own (<c>l3_type</c>, <c>tag</c>, <c>dscp</c>, MAC addresses), as <c>key=value</c> joined with <c>; </c>.</summary>
        public string? RuleDetails { get; set; }
        public int? RuleProtocol { get; set; }
        public string? SourceIp { get; set; }
        public string? SourceMask { get; set; }
        public int? SourcePort { get; set; }
        public string? DestinationIp { get; set; }
        public string? DestinationMask { get; set; }
        public int? DestinationPort { get; set; }
        public string? RuleInputInterface { get; set; }
        public string? RuleOutputInterface { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"Phase {Number} {Type}/{Subtype} {Result}";
    }
}
