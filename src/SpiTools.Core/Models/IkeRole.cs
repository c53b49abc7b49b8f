namespace SpiTools
{
    /// <summary>The IKE role of this end, as strings that survive serialisation.</summary>
    public static class IkeRole
    {
        /// <summary>This end started the exchange.</summary>
        public const string Initiator = "Initiator";

        /// <summary>The peer started the exchange.</summary>
        public const string Responder = "Responder";
    }
}
