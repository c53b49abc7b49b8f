using SpiTools.Abstractions;

namespace SpiTools.Devices
{
    /// <summary>What to collect from one device. Every value is validated when the request is made.</summary>
    public sealed class CollectionRequest
    {
        private CollectionRequest(DeviceFlow? flow, string? peer, string? context, bool includeInactive, bool includeIke = false, bool includeLog = false)
        {
            Flow = flow;
            Peer = peer;
            Context = context;
            IncludeInactive = includeInactive;
            IncludeIkeSas = includeIke;
            IncludeLog = includeLog;
        }

        /// <summary>
        /// True to collect the SA-relevant lines of the log buffer too (optional: <c>show logging | include …</c> with the
        /// platform's fixed filter, saved as <c>show-logging.txt</c>): the invalid-SPI drops, SA deletions and rekeys the
        /// diagnosis rests on for <c>SpiDesync</c>, <c>DeletedSpiInUse</c>, <c>RekeyTimeline</c> and <c>IkeRekeyFlap</c>.
        /// </summary>
        public bool IncludeLog { get; }

        /// <summary>The same request, also collecting the SA-relevant lines of the log buffer.</summary>
        public CollectionRequest WithLog() => new CollectionRequest(Flow, Peer, Context, IncludeInactive, IncludeIkeSas, includeLog: true);

        /// <summary>True to collect the IKE SA tables too (optional: <c>show crypto ikev1|ikev2 sa detail</c> on ASA and FTD,
        /// <c>show crypto isakmp sa detail</c> and <c>show crypto ikev2 sa detail</c> on IOS-XE).</summary>
        public bool IncludeIkeSas { get; }

        /// <summary>The same request, also collecting the IKE SA tables.</summary>
        public CollectionRequest WithIkeSas() => new CollectionRequest(Flow, Peer, Context, IncludeInactive, includeIke: true, IncludeLog);

        /// <summary>True to collect <c>show crypto ipsec sa inactive</c> too (ASA, FTD; optional: older releases lack it).</summary>
        public bool IncludeInactive { get; }

        /// <summary>The flow to trace (ASA, FTD); null to collect the SAs, contexts and lifetimes only.</summary>
        public DeviceFlow? Flow { get; }

        /// <summary>The peer whose SAs to show; null to take it from the trace or the SAs.</summary>
        public string? Peer { get; }

        /// <summary>The security context to change to first (multi-context ASA).</summary>
        public string? Context { get; }

        /// <summary>
        /// Creates a request. Throws <see cref="DeviceException"/> (<see cref="ErrorIds.InvalidDeviceArgument"/>)
        /// for an invalid peer or context before anything is sent.
        /// </summary>
        public static CollectionRequest Create(DeviceFlow? flow = null, string? peer = null, string? context = null) =>
            Create(flow, peer, context, includeInactive: false);

        /// <summary>As <see cref="Create(DeviceFlow, string, string)"/>; <paramref name="includeInactive"/> adds <c>show crypto ipsec sa inactive</c>.</summary>
        public static CollectionRequest Create(DeviceFlow? flow, string? peer, string? context, bool includeInactive) =>
            new CollectionRequest(flow,
                peer is null ? null : DeviceArguments.Address(peer, "Peer"),
                context is null ? null : DeviceArguments.ContextName(context),
                includeInactive);
    }
}
