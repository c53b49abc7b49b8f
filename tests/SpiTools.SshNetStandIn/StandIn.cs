namespace Renci.SshNet
{
    /// <summary>Marks this assembly as the stand-in, so a test can tell which Renci.SshNet a context resolved.</summary>
    public static class SpiToolsStandIn
    {
        /// <summary>What the stand-in says it is.</summary>
        public const string Marker = "Posh-SSH stand-in, Renci.SshNet 2024.0.0.0";
    }

    /// <summary>A type with the name of SSH.NET's client, and none of its members: code bound to it fails loudly.</summary>
    public sealed class SshClient
    {
    }
}
