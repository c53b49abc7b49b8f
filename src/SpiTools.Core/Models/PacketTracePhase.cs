using System.Collections.Generic;

namespace SpiTools
{
    /// <summary>One phase of a packet-tracer run, with the fields of the rule it printed.</summary>
    public sealed class PacketTracePhase : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "PacketTracePhase";

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

        public int? Number { get; internal set; }
        public string? Type { get; internal set; }
        public string? Subtype { get; internal set; }
        public string? Result { get; internal set; }
        /// <summary>The <c>Config:</c> lines joined with <c>; </c>.</summary>
        public string? Config { get; internal set; }
        /// <summary>Other <c>Additional Information:</c> lines joined with <c>; </c>.</summary>
        public string? AdditionalInformation { get; internal set; }
        /// <summary><c>Forward</c> or <c>Reverse</c> flow lookup.</summary>
        public string? LookupFlow { get; internal set; }
        /// <summary><c>in</c> or <c>out</c> rule.</summary>
        public string? RuleDirection { get; internal set; }
        public string? RuleId { get; internal set; }
        public int? Priority { get; internal set; }
        public string? Domain { get; internal set; }
        public bool? Deny { get; internal set; }
        public long? Hits { get; internal set; }
        /// <summary><c>user_data</c>, normalised; for a VPN encrypt rule, the VPN context.</summary>
        public string? UserData { get; internal set; }
        public string? CsId { get; internal set; }
        public string? RuleFlags { get; internal set; }
        /// <summary>Bare words of the rule (<c>reverse</c>, <c>use_real_addr</c>), joined with <c>; </c>.</summary>
        public string? RuleAttributes { get; internal set; }
        /// <summary>Rule fields without a property of their own (<c>l3_type</c>, <c>tag</c>, <c>dscp</c>, MAC addresses), as <c>key=value</c> joined with <c>; </c>.</summary>
        public string? RuleDetails { get; internal set; }
        public int? RuleProtocol { get; internal set; }
        public string? SourceIp { get; internal set; }
        public string? SourceMask { get; internal set; }
        public int? SourcePort { get; internal set; }
        public string? DestinationIp { get; internal set; }
        public string? DestinationMask { get; internal set; }
        public int? DestinationPort { get; internal set; }
        public string? RuleInputInterface { get; internal set; }
        public string? RuleOutputInterface { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"Phase {Number} {Type}/{Subtype} {Result}";
    }
}
