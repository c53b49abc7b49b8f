namespace SpiTools.Parsing
{
    /// <summary>What one <c>in use settings</c> list says, read once and applied to every SA that repeats it.</summary>
    internal sealed class IpsecSaSettingsReading
    {
        public string? TunnelType;
        public string? Mode;
        public string? IkeVersion;
        public int? PfsGroup;
        public bool NatTraversal;
        public string? Settings;

        public void ApplyTo(IpsecSa sa)
        {
            if (TunnelType != null) sa.TunnelType = TunnelType;
            if (Mode != null) sa.Mode = Mode;
            if (IkeVersion != null) sa.IkeVersion = IkeVersion;
            if (PfsGroup != null) sa.PfsGroup = PfsGroup;
            if (NatTraversal) sa.NatTraversal = true;
            sa.Settings = Settings;
        }
    }
}
