namespace SpiTools
{
    /// <summary>Direction of a security association or VPN context.</summary>
    public enum SaDirection
    {
        /// <summary>Traffic the device decrypts (inbound SA, DECR context).</summary>
        Inbound,

        /// <summary>Traffic the device encrypts (outbound SA, ENCR context).</summary>
        Outbound,
    }
}
