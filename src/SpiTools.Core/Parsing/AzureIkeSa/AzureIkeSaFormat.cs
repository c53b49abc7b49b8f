using System;

namespace SpiTools.Parsing
{
    /// <summary>
    /// The Azure VPN gateway's IKE SAs as <c>Get-AzVirtualNetworkGatewayConnectionIkeSa</c> returns them: their
    /// <c>ConvertTo-Json</c> text (indented or <c>-Compress</c>ed, PowerShell 7 or 5.1; the REST API's <c>getikesas</c> string
    /// in PascalCase too) and PowerShell's list view of them. Objects piped into the cmdlets are read as their JSON.
    /// </summary>
    public sealed class AzureIkeSaFormat : ICaptureFormat
    {
        /// <summary>The cmdlet whose objects this reads.</summary>
        public const string Cmdlet = "Get-AzVirtualNetworkGatewayConnectionIkeSa";

        /// <inheritdoc />
        public string Name => "azure-ike-sa";

        /// <inheritdoc />
        public bool MatchesCommand(ReadOnlySpan<char> command) =>
            command.StartsWithIgnoreCase(Cmdlet) || (command.IndexOfIgnoreCase(Cmdlet) >= 0 && command.IndexOfIgnoreCase("ConvertTo-Json") > 0);

        /// <inheritdoc />
        public bool IsSectionStart(in CaptureLine line)
        {
            var t = line.Text;
            return t.StartsWithIgnoreCase("\"localEndpoint\"") || t.StartsWithIgnoreCase("\"initiatorCookie\"") || t.StartsWithIgnoreCase("\"quickModeSa")
                || (t.StartsWith("localEndpoint ".AsSpan(), StringComparison.Ordinal) && t.IndexOf(':') > 0);
        }

        /// <inheritdoc />
        public int FindOutputStart(ReadOnlySpan<char> command) => -1;

        /// <inheritdoc />
        public ISectionParser CreateParser() => new AzureIkeSaParser();
    }
}
