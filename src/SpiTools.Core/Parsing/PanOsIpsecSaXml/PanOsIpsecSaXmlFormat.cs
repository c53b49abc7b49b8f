using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The PAN-OS XML API's answer to <c>&lt;show&gt;&lt;vpn&gt;&lt;ipsec-sa/&gt;&lt;/vpn&gt;&lt;/show&gt;</c>:
    /// <c>&lt;response status="success"&gt;&lt;result&gt;</c> with one <c>&lt;entry&gt;</c> per tunnel, SPIs in decimal
    /// (<c>&lt;i_spi&gt;</c>, <c>&lt;o_spi&gt;</c>), unsigned or signed.
    /// </summary>
    public sealed class PanOsIpsecSaXmlFormat : ICaptureFormat
    {
        /// <inheritdoc />
        public string Name => "panos-ipsec-sa-xml";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) => false;

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.StartsWith("<response ".AsSpan(), StringComparison.Ordinal) && t.IndexOf("status=".AsSpan(), StringComparison.Ordinal) > 0;
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new PanOsIpsecSaXmlParser();
    }
}
