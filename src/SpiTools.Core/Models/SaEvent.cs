using System;

namespace SpiTools
{
    /// <summary>
    /// One security-association event read from a log: IOS / IOS-XE <c>debug crypto isakmp|ikev2|ipsec</c>, ASA syslog
    /// (<c>%ASA-5-602303</c>, <c>602304</c>, <c>402114</c>, <c>402116</c>, <c>402119</c>, <c>713049</c>, <c>713120</c>) and IOS
    /// syslog (<c>%CRYPTO-4-RECVD_PKT_INV_SPI</c>, <c>%CRYPTO-4-PKT_REPLAY_ERR</c>, <c>%CRYPTO-5-SESSION_STATUS</c>), from a
    /// <c>show logging</c> buffer, a terminal or a syslog server's file.
    /// </summary>
    public sealed class SaEvent : ICaptureRecord, IStampableRecord
    {
        /// <inheritdoc />
        public string RecordType => "SaEvent";

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

        /// <summary>
        /// The time the line carries, as printed (no time-zone conversion). When the line has no year, the current year
        /// is assumed and <see cref="YearAssumed"/> is true: compare such times with each other, not with a calendar.
        /// Null when the line has no time.
        /// </summary>
        public DateTime? Time { get; internal set; }

        /// <summary>The time exactly as printed (<c>Sep  7 23:11:13</c>, <c>*Mar  1 00:01:02.345 UTC</c>, <c>2024-09-07T23:11:13+02:00</c>).</summary>
        public string? TimeText { get; internal set; }

        /// <summary>The printed time zone or offset (<c>UTC</c>, <c>+02:00</c>), when there is one.</summary>
        public string? TimeZone { get; internal set; }

        /// <summary>True when the year was not printed and was assumed.</summary>
        public bool YearAssumed { get; internal set; }

        /// <summary>The line's sequence number (IOS <c>service sequence-numbers</c>), when printed.</summary>
        public long? Sequence { get; internal set; }

        /// <summary>What happened (<see cref="SaEventKind"/>).</summary>
        public string Kind { get; internal set; } = "";

        /// <summary>The peer's address, from the line or from the IKE SA it belongs to.</summary>
        public string? Peer { get; internal set; }

        /// <summary>
        /// This end's own address, where the log says it (IOS <c>local 172.17.3.1 port 500</c>, IKEv2 <c>From 172.17.3.1:500</c>,
        /// ASA <c>between 198.51.100.1 and</c>, <c>destaddr=</c>): it tells the two ends of a tunnel apart when their logs share a folder.
        /// </summary>
        public string? LocalAddress { get; internal set; }

        /// <summary>The SPI the event is about (<c>0x</c> and 8 upper-case hex digits).</summary>
        public string? Spi { get; internal set; }

        /// <summary>The second SPI of a pair (ASA <c>713049</c>: the outbound SPI; <see cref="Spi"/> is the inbound one).</summary>
        public string? OutboundSpi { get; internal set; }

        /// <summary><c>Inbound</c> or <c>Outbound</c>, where the line says.</summary>
        public string? Direction { get; internal set; }

        /// <summary>The IKE message ID (decimal) of the exchange: IKEv1 Quick Mode M-ID, IKEv2 Message id, ASA <c>msgid</c>.</summary>
        public long? MessageId { get; internal set; }

        /// <summary>This end's role in the exchange: <c>Initiator</c> or <c>Responder</c> (<see cref="IkeRole"/>), where known.</summary>
        public string? Role { get; internal set; }

        /// <summary>IOS IKE connection id (<c>ISAKMP: (79859)</c>) or IKEv2 SA ID, or the connection id a syslog names.</summary>
        public string? ConnectionId { get; internal set; }

        /// <summary>The interface the line names (<c>on Tunnel0</c>, <c>input interface=</c>).</summary>
        public string? Interface { get; internal set; }

        /// <summary>The syslog message (<c>%ASA-5-602303</c>, <c>%CRYPTO-4-RECVD_PKT_INV_SPI</c>) or the debug facility (<c>ISAKMP</c>, <c>IKEv2</c>, <c>IPSEC</c>).</summary>
        public string? MessageCode { get; internal set; }

        /// <summary>The message text after the time, host and code.</summary>
        public string? Message { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{TimeText} {Kind} {Peer} {Spi}";
    }
}
