using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Parsing;

namespace SpiTools.Devices
{
    /// <summary>
    /// Runs a <see cref="CollectionPlan"/> for one device over one <see cref="DeviceSession"/>: opens the session, builds
    /// the plan for the platform the session found and sends its commands in order, going on after a rejected one.
    /// </summary>
    public static class DeviceCollector
    {
        /// <summary>The commands the plan would run on <paramref name="platform"/> (<see cref="CollectionPlan.Commands"/>).</summary>
        public static IReadOnlyList<PlannedCommand> Plan(DevicePlatform platform, CollectionRequest request) =>
            CollectionPlan.For(platform, request).Commands;

        /// <summary>How the prompt keystroke (an empty line, <see cref="CommandPolicy.PromptKeystroke"/>) is shown in a plan.</summary>
        public const string PromptKeystrokeText = CollectionPlan.PromptKeystrokeText;

        /// <summary>Every command a session sends on <paramref name="platform"/> for <paramref name="request"/> (<see cref="CollectionPlan.SessionCommands"/>).</summary>
        public static IReadOnlyList<string> SessionPlan(DevicePlatform platform, CollectionRequest request, bool asksVersion) =>
            CollectionPlan.For(platform, request).SessionCommands(asksVersion);

        /// <summary>
        /// Opens the session if it is not open, runs the plan and returns what was collected (with the plan it ran,
        /// <see cref="DeviceCollection.Plan"/>). Device failures end up in <see cref="DeviceCollection.Failure"/>,
        /// <see cref="DeviceCollection.Errors"/> or <see cref="DeviceCollection.Warnings"/>; cancellation throws
        /// <see cref="OperationCanceledException"/>.
        /// </summary>
        public static DeviceCollection Collect(DeviceSession session, CollectionRequest request, CancellationToken cancellationToken = default)
        {
            if (session is null) throw new ArgumentNullException(nameof(session));
            if (request is null) throw new ArgumentNullException(nameof(request));
            var result = new DeviceCollection(session.Device);
            int warned = 0;
            try
            {
                session.Open(cancellationToken);
                result.Device = session.Device;
                result.Hostname = session.Hostname;
                result.Identity = session.Identity;
                for (; warned < session.Warnings.Count; warned++) result.Warn(session.Warnings[warned]);
                var plan = CollectionPlan.For(session.Platform, request);
                result.Plan = plan;
                RunPlan(session, plan, result, cancellationToken);
            }
            catch (DeviceException ex)
            {
                result.Failure = ex;
            }
            // What the session noted while the plan ran (over-long lines cut).
            for (; warned < session.Warnings.Count; warned++) result.Warn(session.Warnings[warned]);
            result.Platform = session.Platform;
            return result;
        }

        private static void RunPlan(DeviceSession session, CollectionPlan plan, DeviceCollection result, CancellationToken ct)
        {
            var flow = plan.Request.Flow;
            var peer = plan.Request.Peer;
            bool started = false, sasKept = false;
            foreach (var step in plan.Commands)
            {
                if (step.Step == CollectionStep.ChangeContext)
                {
                    session.ChangeContext(plan.Request.Context!, ct);
                    result.Context = session.Context;
                    continue;
                }
                if (!started)
                {
                    started = true;
                    result.Platform = session.Platform;
                    if (flow != null && !plan.Profile.HasPacketTracer)
                        result.Warn(new DeviceWarning(session.Device, null, null,
                            $"{session.Device}: packet-tracer and VPN contexts are ASA/FTD commands; on IOS-XE the flow only selects the peer."));
                }
                switch (step.Step)
                {
                    case CollectionStep.Trace:
                        var trace = Run(session, step.Send!, step.Optional, result, ct);
                        if (trace != null) peer ??= PeerNamedIn(trace.Output);
                        break;
                    case CollectionStep.FindPeer:
                        if (peer != null || flow == null) break;
                        // Find the peer from the SAs: the entry whose remote proxy holds the flow's destination.
                        var all = Run(session, step.Send!, step.Optional, result, ct, keep: false);
                        if (all == null) { sasKept = true; break; }
                        var peers = PeersProtecting(all, flow.Destination, session.Device);
                        if (peers.Count == 1) { peer = peers[0]; break; }
                        result.Warn(new DeviceWarning(session.Device, all.Command, null, peers.Count == 0
                            ? $"{session.Device}: no SA protects {flow.Destination}; the full SA listing is kept instead of one peer's."
                            : $"{session.Device}: several peers' SAs protect {flow.Destination} ({string.Join(", ", peers)}); the full SA listing is kept."));
                        result.Add(all);
                        sasKept = true;
                        break;
                    case CollectionStep.PeerSas:
                        if (sasKept) break;
                        if (peer != null)
                        {
                            result.Peer = peer;
                            Run(session, DeviceCommand.ShowCryptoIpsecSaPeer(peer), step.Optional, result, ct);
                        }
                        else Run(session, DeviceCommand.ShowCryptoIpsecSa(), step.Optional, result, ct);
                        break;
                    default:
                        Run(session, step.Send!, step.Optional, result, ct);
                        break;
                }
            }
        }

        private static CommandOutput? Run(DeviceSession session, DeviceCommand command, bool optional, DeviceCollection result, CancellationToken ct, bool keep = true)
        {
            try
            {
                var output = session.Execute(command, ct);
                if (keep) result.Add(output);
                return output;
            }
            catch (DeviceException ex) when (ex.ErrorId == ErrorIds.CommandRejected)
            {
                if (optional)
                    result.Warn(new DeviceWarning(session.Device, command.Text, ex.DeviceErrorLine,
                        $"{session.Device}: '{command.Text}' is not available here ({ex.DeviceErrorLine}); collection went on without it."));
                else result.Error(ex);
                return null;
            }
        }

        /// <summary>The first address after the word "peer" in a trace, when the trace names one.</summary>
        internal static string? PeerNamedIn(string output)
        {
            foreach (var raw in output.Split('\n'))
            {
                int at = raw.IndexOf("peer", StringComparison.OrdinalIgnoreCase);
                if (at < 0) continue;
                var rest = raw.Substring(at + 4);
                foreach (var token in rest.Split(new[] { ' ', '\t', ',', '=', '(', ')', '[', ']' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var t = (token.StartsWith("::", StringComparison.Ordinal) ? token : token.TrimStart(':')).TrimEnd('.', ';');
                    if (DeviceArguments.TryAddress(t, out var canonical)) return canonical;
                }
            }
            return null;
        }

        /// <summary>The distinct peers whose SA entries' remote proxy holds <paramref name="destination"/>.</summary>
        internal static List<string> PeersProtecting(CommandOutput sas, string destination, string device)
        {
            var peers = new List<string>();
            if (!IPAddress.TryParse(destination, out var dst)) return peers;
            foreach (var sa in CaptureParser.ParseLines(new[] { sas.Capture }, device).OfType<IpsecSa>())
            {
                if (sa.Peer is null || sa.RemoteIdentAddress is null) continue;
                if (!Contains(sa.RemoteIdentAddress, sa.RemoteIdentMask, dst)) continue;
                if (!peers.Contains(sa.Peer)) peers.Add(sa.Peer);
            }
            return peers;
        }

        internal static bool Contains(string network, string? mask, IPAddress address)
        {
            if (!IPAddress.TryParse(network, out var net) || net.AddressFamily != address.AddressFamily) return false;
            var a = address.GetAddressBytes();
            var n = net.GetAddressBytes();
            int prefix;
            if (string.IsNullOrEmpty(mask)) prefix = a.Length * 8;
            else if (IPAddress.TryParse(mask, out var m) && m.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && mask!.IndexOf('.') > 0)
            {
                var mb = m.GetAddressBytes();
                for (int i = 0; i < a.Length && i < mb.Length; i++)
                    if ((a[i] & mb[i]) != (n[i] & mb[i])) return false;
                return true;
            }
            else if (!int.TryParse(mask!.TrimStart('/'), NumberStyles.None, CultureInfo.InvariantCulture, out prefix)) return false;
            for (int bit = 0; bit < prefix && bit < a.Length * 8; bit++)
            {
                int mask8 = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask8) != (n[bit / 8] & mask8)) return false;
            }
            return true;
        }
    }
}
