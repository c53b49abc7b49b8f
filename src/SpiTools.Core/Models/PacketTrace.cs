using System.Collections.Generic;

namespace SpiTools
{
    /// <summary>
    /// One ASA <c>packet-tracer input … detail(ed)</c> run: the traced flow, the final result and a flat
    /// summary of the VPN encrypt phase. Each phase is also available as a <see cref="PacketTracePhase"/>.
    /// </summary>
    public sealed class PacketTrace : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "PacketTrace";

        /// <inheritdoc />
        public string? Device { get; internal set; }

        /// <inheritdoc />
        public string? Source { get; internal set; }

        /// <inheritdoc />
        public int Line { get; internal set; }

        /// <inheritdoc />
        public int LastLine { get; internal set; }

        string? IStampableRecord.Device { get => Device; set => Device = value; }
        string? IStampableRecord.Source { get => Source; set => Source = value; }
        int IStampableRecord.Line { get => Line; set => Line = value; }
        int IStampableRecord.LastLine { get => LastLine; set => LastLine = value; }

        /// <summary>True when the trace ended before its <c>Result:</c> block (cut or excerpted).</summary>
        public bool Incomplete { get; internal set; }

        /// <summary>The packet-tracer command as echoed, when it was.</summary>
        public string? Command { get; internal set; }

        // ---- the traced flow (from the command) ----
        public string? InputInterface { get; internal set; }
        /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>sctp</c>, <c>rawip</c>.</summary>
        public string? Protocol { get; internal set; }
        public string? SourceAddress { get; internal set; }
        public int? SourcePort { get; internal set; }
        public string? DestinationAddress { get; internal set; }
        public int? DestinationPort { get; internal set; }

        // ---- final result block ----
        /// <summary><c>allow</c> or <c>drop</c>, from the final <c>Action:</c>.</summary>
        public string? Action { get; internal set; }
        public string? DropReason { get; internal set; }
        public string? ResultInputInterface { get; internal set; }
        public string? ResultInputStatus { get; internal set; }
        public string? ResultInputLineStatus { get; internal set; }
        public string? OutputInterface { get; internal set; }
        public string? OutputStatus { get; internal set; }
        public string? OutputLineStatus { get; internal set; }

        // ---- summary of the VPN encrypt phase ----
        /// <summary>True when a <c>Type: VPN / Subtype: encrypt</c> phase occurred.</summary>
        public bool HasEncryptPhase { get; internal set; }
        public int? EncryptPhaseNumber { get; internal set; }
        /// <summary>The encrypt phase's <c>Result:</c> (<c>ALLOW</c>, <c>DROP</c>).</summary>
        public string? EncryptResult { get; internal set; }
        /// <summary>The encrypt rule's <c>user_data</c>: the VPN context it uses, normalised (<c>0x2D2EA0A4</c>).</summary>
        public string? EncryptVpnContext { get; internal set; }
        public long? EncryptRuleHits { get; internal set; }
        public string? EncryptCsId { get; internal set; }
        public string? EncryptRuleId { get; internal set; }
        /// <summary>The encrypt rule's <c>src ip/mask</c> (the local proxy).</summary>
        public string? EncryptSource { get; internal set; }
        /// <summary>The encrypt rule's <c>dst ip/mask</c> (the remote proxy).</summary>
        public string? EncryptDestination { get; internal set; }

        /// <summary>Other lines of the final result block (<c>Info:</c>, <c>Time Taken:</c>), joined with <c>; </c>.</summary>
        public string? ResultInformation { get; internal set; }

        /// <summary>Number of phases read.</summary>
        public int PhaseCount { get; internal set; }

        /// <summary>One-line summary of the phases: <c>1 ACCESS-LIST ALLOW; 6 VPN/encrypt ALLOW; …</c>.</summary>
        public string? PhaseSummary { get; internal set; }

        /// <summary>The phases in order (not a CSV column; see <see cref="PhaseSummary"/>).</summary>
        public IReadOnlyList<PacketTracePhase> Phases { get; internal set; } = new List<PacketTracePhase>();

        /// <inheritdoc />
        public override string ToString() => $"{Protocol} {SourceAddress}:{SourcePort} -> {DestinationAddress}:{DestinationPort} {Action}";
    }
}
