namespace SpiTools.Devices
{
    /// <summary>The device families SpiTools collects from.</summary>
    public enum DevicePlatform
    {
        /// <summary>Found out from the prompt (FTD's bare <c>&gt;</c>) or <c>show version</c>.</summary>
        Auto,
        /// <summary>Cisco ASA (single or multiple context).</summary>
        Asa,
        /// <summary>Cisco Firepower Threat Defense (LINA commands from the <c>&gt;</c> prompt).</summary>
        Ftd,
        /// <summary>Cisco IOS-XE (and classic IOS).</summary>
        IosXe,
    }
}
