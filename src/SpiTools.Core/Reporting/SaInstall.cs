using System;

namespace SpiTools.Reporting
{
    /// <summary>
    /// One security association installed at a known time, as the report's "SA installs over time" chart plots it.
    /// Made from a <c>SaEvent</c> record of kind <c>SaInstalled</c> (a debug or syslog line with a time), or by hand.
    /// </summary>
    public sealed class SaInstall
    {
        /// <summary>The device the SA was installed on.</summary>
        public string? Device { get; set; }

        /// <summary>The peer, as printed.</summary>
        public string? Peer { get; set; }

        /// <summary>The SPI installed (<c>0x</c> and 8 hex digits), when the line named one.</summary>
        public string? Spi { get; set; }

        /// <summary>The time the line carries, as printed (no time-zone conversion: compare these times with each other).</summary>
        public DateTime Time { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Time:s} {Device} {Peer} {Spi}";
    }
}
