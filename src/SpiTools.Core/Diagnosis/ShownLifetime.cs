namespace SpiTools.Diagnosis
{
    /// <summary>A lifetime a capture shows for an entry, and where it comes from (<see cref="DiagnosisContext.ShownLifetimeFor"/>).</summary>
    internal sealed class ShownLifetime
    {
        public long Seconds;
        public long Kilobytes;
        public bool VolumeDisabled;
        public ICaptureRecord Record = null!;

        /// <summary>The session-table tunnel the lifetime was read from, if it was.</summary>
        public VpnSessionTunnel? Session;

        /// <summary>The lifetime setting the lifetime was read from, if it was.</summary>
        public IpsecLifetime? Setting;

        public string From = "";

        /// <summary>True when no capture shows it: it is the system's default (<see cref="DiagnosisContext.DefaultLifetimeFor"/>).</summary>
        public bool Assumed;

        public string VolumeText => VolumeDisabled ? "volume lifetime disabled" : $"{Kilobytes} kB";

        public string Text => $"{VolumeText} / {Seconds} s";
    }
}
