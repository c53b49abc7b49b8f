namespace SpiTools
{
    /// <summary>
    /// Direction of a security association or VPN context. The values are strings, so they survive PowerShell
    /// serialisation (remoting, jobs, <c>Export-Clixml</c>), <c>ConvertTo-Json</c> and <c>Export-Csv</c> as the same word.
    /// </summary>
    public static class SaDirection
    {
        /// <summary>Traffic the device decrypts (inbound SA, DECR context).</summary>
        public const string Inbound = "Inbound";

        /// <summary>Traffic the device encrypts (outbound SA, ENCR context).</summary>
        public const string Outbound = "Outbound";
    }
}
