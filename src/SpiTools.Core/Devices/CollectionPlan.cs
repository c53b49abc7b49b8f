using System;
using System.Collections.Generic;

namespace SpiTools.Devices
{
    /// <summary>
    /// The commands one collection sends to one device, in order, built once from the platform's
    /// <see cref="PlatformProfile"/> and the <see cref="CollectionRequest"/>: <c>-WhatIf</c> / <c>--what-if</c> lists
    /// <see cref="Commands"/> (and <see cref="SessionCommands"/>), and <see cref="DeviceCollector.Collect"/> runs the
    /// very same list. With a flow on ASA or FTD: <c>packet-tracer input … detailed</c>,
    /// <c>show asp table vpn-context detail</c>, <c>show crypto ipsec sa peer P</c> (P given, named by the trace, or
    /// found in the SAs for the flow's destination). Without one: the SAs and the VPN contexts (ASA, FTD). Then the
    /// optional steps: the inactive SAs, the IKE SAs, the lifetimes and the log filter.
    /// </summary>
    public sealed class CollectionPlan
    {
        private CollectionPlan(DevicePlatform platform, CollectionRequest request, IReadOnlyList<PlannedCommand> commands)
        {
            Platform = platform;
            Profile = PlatformProfile.For(platform);
            Request = request;
            Commands = commands;
        }

        /// <summary>The platform the plan is for (<see cref="DevicePlatform.Auto"/> is planned as ASA).</summary>
        public DevicePlatform Platform { get; }

        /// <summary>The platform's profile.</summary>
        public PlatformProfile Profile { get; }

        /// <summary>What was asked for.</summary>
        public CollectionRequest Request { get; }

        /// <summary>The commands, in the order they are sent (a peer found at run time shows as <c>&lt;peer&gt;</c>).</summary>
        public IReadOnlyList<PlannedCommand> Commands { get; }

        /// <summary>How the prompt keystroke (an empty line, <see cref="CommandPolicy.PromptKeystroke"/>) is shown in a plan.</summary>
        public const string PromptKeystrokeText = "<Enter>";

        /// <summary>Builds the plan of <paramref name="request"/> on <paramref name="platform"/>.</summary>
        public static CollectionPlan For(DevicePlatform platform, CollectionRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var profile = PlatformProfile.For(platform);
            var list = new List<PlannedCommand>();
            void Add(CollectionStep step, DeviceCommand command, bool optional, string purpose) =>
                list.Add(new PlannedCommand(step, command, command.Text, optional, purpose));

            if (request.Context != null)
                Add(CollectionStep.ChangeContext, DeviceCommand.ChangeToContext(request.Context), false, "enter the security context");
            var flow = request.Flow;
            var peer = request.Peer;
            if (flow != null && profile.HasPacketTracer)
            {
                Add(CollectionStep.Trace, DeviceCommand.PacketTracer(flow), false, "the VPN context the flow's encrypt rule uses");
                Add(CollectionStep.Show, DeviceCommand.ShowAspTableVpnContextDetail(), false, "each VPN context's SPI and packets");
                if (peer == null)
                    Add(CollectionStep.FindPeer, DeviceCommand.ShowCryptoIpsecSa(), false,
                        "only when the trace names no peer: the SAs, to find the peer whose remote proxy holds the flow's destination");
                if (peer != null) Add(CollectionStep.PeerSas, DeviceCommand.ShowCryptoIpsecSaPeer(peer), false, "the peer's SAs");
                else list.Add(new PlannedCommand(CollectionStep.PeerSas, null, PeerPlaceholder, false,
                    "the SAs of the peer the trace or the SAs name (found with show crypto ipsec sa)"));
            }
            else
            {
                if (flow != null && peer == null)
                {
                    // IOS-XE has no packet-tracer: the flow only selects the peer, found in the SAs.
                    Add(CollectionStep.FindPeer, DeviceCommand.ShowCryptoIpsecSa(), false, "the SAs, to find the peer whose remote proxy holds the flow's destination");
                    list.Add(new PlannedCommand(CollectionStep.PeerSas, null, PeerPlaceholder, false, "the SAs of the peer the SAs name"));
                }
                else Add(CollectionStep.PeerSas, peer != null ? DeviceCommand.ShowCryptoIpsecSaPeer(peer) : DeviceCommand.ShowCryptoIpsecSa(), false, "the SAs");
                if (profile.HasPacketTracer)
                    Add(CollectionStep.Show, DeviceCommand.ShowAspTableVpnContextDetail(), true, "each VPN context's SPI and packets");
            }
            if (request.IncludeInactive && profile.HasInactiveSas)
                Add(CollectionStep.Show, DeviceCommand.ShowCryptoIpsecSaInactive(), true, "the SAs that can no longer pass traffic");
            if (request.IncludeIkeSas)
                foreach (var c in profile.IkeCommands)
                    Add(CollectionStep.Show, c, true, "the IKE SAs the IPsec SAs hang from");
            foreach (var c in profile.LifetimeCommands)
                Add(CollectionStep.Show, c, true, "the lifetimes the diagnosis measures rekeys against");
            if (request.IncludeLog)
                Add(CollectionStep.Show, DeviceCommand.ShowLoggingSaEvents(profile.Platform), true,
                    "the log buffer's invalid-SPI drops, SA deletions and rekeys (logging buffered on)");
            return new CollectionPlan(platform, request, list);
        }

        /// <summary>
        /// Every command a session sends for this plan, in order: the setup <see cref="DeviceSession.Open"/> sends (the
        /// prompt keystroke as <c>&lt;Enter&gt;</c>, <c>enable</c>, <c>show version</c> when <paramref name="asksVersion"/>,
        /// the platform's paging commands), then <see cref="Commands"/>. Each is checked against <see cref="CommandPolicy"/>.
        /// </summary>
        public IReadOnlyList<string> SessionCommands(bool asksVersion)
        {
            var setup = new List<DeviceCommand> { DeviceCommand.PromptKeystroke(), DeviceCommand.Enable() };
            if (asksVersion) setup.Add(DeviceCommand.ShowVersion());
            setup.AddRange(PagingCommands(Platform));
            var list = new List<string>();
            foreach (var c in setup)
            {
                if (!CommandPolicy.IsAllowed(c.Text, c.Kind, out var reason)) throw new InvalidOperationException($"'{c.Text}' is not an allowed command: {reason}");
                list.Add(c.Text == CommandPolicy.PromptKeystroke ? PromptKeystrokeText : c.Text);
            }
            foreach (var p in Commands) list.Add(p.Command);
            return list;
        }

        /// <summary>The paging commands the session sends on <paramref name="platform"/> (none before the platform is known).</summary>
        internal static IReadOnlyList<DeviceCommand> PagingCommands(DevicePlatform platform) =>
            platform == DevicePlatform.Auto ? Array.Empty<DeviceCommand>() : PlatformProfile.For(platform).PagingCommands;

        private const string PeerPlaceholder = "show crypto ipsec sa peer <peer>";
    }
}
