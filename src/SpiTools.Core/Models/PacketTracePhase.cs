using System.Collections.Generic;

namespace SpiTools
{
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
