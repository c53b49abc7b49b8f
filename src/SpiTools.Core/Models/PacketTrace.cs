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
}
