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

    /// <summary>One command of a collection plan.</summary>
    public sealed class PlannedCommand
    {
        internal PlannedCommand(string command, bool optional, string purpose)
        {
            Command = command;
            Optional = optional;
            Purpose = purpose;
        }

        /// <summary>The command (a peer found at run time shows as <c>&lt;peer&gt;</c>).</summary>
        public string Command { get; }

        /// <summary>True when a device that rejects it (an older release) only gives a warning.</summary>
        public bool Optional { get; }

        /// <summary>Why it is collected.</summary>
        public string Purpose { get; }

        /// <inheritdoc />
        public override string ToString() => Command;
    }

    /// <summary>What was collected from one device over one session.</summary>
    public sealed class DeviceCollection
    {
        private readonly List<CommandOutput> _outputs = new List<CommandOutput>();
        private readonly List<DeviceWarning> _warnings = new List<DeviceWarning>();
        private readonly List<DeviceException> _errors = new List<DeviceException>();

        internal DeviceCollection(string device) => Device = device;

        /// <summary>The device: its identity when the session was given one, else the host name from its prompt, else the name it was reached by.</summary>
        public string Device { get; internal set; }

        /// <summary>The host name its prompt showed (null on FTD's bare <c>&gt;</c> or before a prompt was seen).</summary>
        public string? Hostname { get; internal set; }

        /// <summary>The device's identity, when the session was given one: names every record <see cref="Parse"/> gives.</summary>
        public string? Identity { get; internal set; }

        /// <summary>The platform the session found or was given.</summary>
        public DevicePlatform Platform { get; internal set; }

        /// <summary>The security context changed to, if any.</summary>
        public string? Context { get; internal set; }

        /// <summary>The peer whose SAs were shown, if one was.</summary>
        public string? Peer { get; internal set; }

        /// <summary>Each complete output, in the order collected.</summary>
        public IReadOnlyList<CommandOutput> Outputs => _outputs;

        /// <summary>Setup and optional commands the device refused, and other things collection went on after.</summary>
        public IReadOnlyList<DeviceWarning> Warnings => _warnings;

        /// <summary>Required commands the device rejected (collection went on with the others).</summary>
        public IReadOnlyList<DeviceException> Errors => _errors;

        /// <summary>The failure that ended collection early (no prompt, enable refused, incomplete output, disconnect), if any.</summary>
        public DeviceException? Failure { get; internal set; }

        /// <summary>True when every required command's output was collected.</summary>
        public bool IsComplete => Failure is null && _errors.Count == 0;

        internal void Add(CommandOutput output) => _outputs.Add(output);
        internal void Warn(DeviceWarning warning) => _warnings.Add(warning);
        internal void Error(DeviceException error) => _errors.Add(error);

        /// <summary>Each output with its prompt and command in front, as the file input recognises it.</summary>
        public IEnumerable<string> Captures() => _outputs.Select(o => o.Capture);

        /// <summary>
        /// Parses the outputs (<see cref="CaptureParser.ParseLines"/>) as if read from the saved files: each output on its
        /// own, its records' <c>Source</c> the file name it is saved under (<see cref="SaveCapture"/>) and their lines
        /// counted from its echoed command, so a finding cites the same <c>file:line</c> live and from the saved capture.
        /// </summary>
        public IEnumerable<ICaptureRecord> Parse(CaptureParseOptions? options = null)
        {
            options ??= new CaptureParseOptions();
            options.Device ??= Device;
            options.Identity ??= Identity;
            foreach (var output in _outputs)
                foreach (var record in CaptureParser.ParseLines(new[] { output.Capture }, output.FileName, options))
                    yield return record;
        }

        /// <summary>
        /// Writes each output to <paramref name="folder"/> (created if needed) under its command's file name
        /// (<c>show-crypto-ipsec-sa.txt</c>, <c>packet-tracer-input-inside-udp-….txt</c>), replacing a file of the
        /// same name; each file is written to a temporary name first and then moved into place. Returns the paths.
        /// </summary>
        public IReadOnlyList<string> SaveCapture(string folder)
        {
            if (string.IsNullOrEmpty(folder)) throw new ArgumentException("A folder is required.", nameof(folder));
            Directory.CreateDirectory(folder);
            var paths = new List<string>();
            foreach (var o in _outputs)
            {
                var path = Path.Combine(folder, o.FileName);
                var temp = path + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
                File.WriteAllText(temp, o.Capture, new UTF8Encoding(false));
                if (File.Exists(path)) File.Delete(path);
                File.Move(temp, path);
                paths.Add(path);
            }
            return paths;
        }
    }

    /// <summary>
    /// Runs the collection plan for one device over one <see cref="DeviceSession"/>. With a flow (ASA, FTD): the
    /// seed-000 procedure, <c>packet-tracer input … detailed</c>, <c>show asp table vpn-context detail</c>,
    /// <c>show crypto ipsec sa peer P</c> (P given, named by the trace, or found in the SAs for the flow's
    /// destination), then the lifetimes. Without one: the SAs, the VPN contexts (ASA, FTD) and the lifetimes.
    /// </summary>
    public static class DeviceCollector
    {
        /// <summary>The commands the plan would run on <paramref name="platform"/> (for <c>-WhatIf</c> and logs).</summary>
        public static IReadOnlyList<PlannedCommand> Plan(DevicePlatform platform, CollectionRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var list = new List<PlannedCommand>();
            if (request.Context != null)
                list.Add(new PlannedCommand(DeviceCommand.ChangeToContext(request.Context).Text, false, "enter the security context"));
            bool asaLike = platform != DevicePlatform.IosXe;
            if (request.Flow != null && asaLike)
            {
                list.Add(new PlannedCommand(DeviceCommand.PacketTracer(request.Flow).Text, false, "the VPN context the flow's encrypt rule uses"));
                list.Add(new PlannedCommand(DeviceCommand.ShowAspTableVpnContextDetail().Text, false, "each VPN context's SPI and packets"));
                if (request.Peer == null)
                    list.Add(new PlannedCommand(DeviceCommand.ShowCryptoIpsecSa().Text, false,
                        "only when the trace names no peer: the SAs, to find the peer whose remote proxy holds the flow's destination"));
                list.Add(new PlannedCommand(request.Peer != null ? DeviceCommand.ShowCryptoIpsecSaPeer(request.Peer).Text : "show crypto ipsec sa peer <peer>", false,
                    request.Peer != null ? "the peer's SAs" : "the SAs of the peer the trace or the SAs name (found with show crypto ipsec sa)"));
            }
            else
            {
                list.Add(new PlannedCommand(request.Peer != null ? DeviceCommand.ShowCryptoIpsecSaPeer(request.Peer).Text : DeviceCommand.ShowCryptoIpsecSa().Text, false, "the SAs"));
                if (asaLike)
                    list.Add(new PlannedCommand(DeviceCommand.ShowAspTableVpnContextDetail().Text, true, "each VPN context's SPI and packets"));
            }
            if (request.IncludeInactive && asaLike)
                list.Add(new PlannedCommand(DeviceCommand.ShowCryptoIpsecSaInactive().Text, true, "the SAs that can no longer pass traffic"));
            if (request.IncludeIkeSas)
                foreach (var c in IkeCommands(platform))
                    list.Add(new PlannedCommand(c.Text, true, "the IKE SAs the IPsec SAs hang from"));
            foreach (var c in LifetimeCommands(platform))
                list.Add(new PlannedCommand(c.Text, true, "the lifetimes the diagnosis measures rekeys against"));
            if (request.IncludeLog)
                list.Add(new PlannedCommand(DeviceCommand.ShowLoggingSaEvents(platform).Text, true,
                    "the log buffer's invalid-SPI drops, SA deletions and rekeys (logging buffered on)"));
            return list;
        }

        /// <summary>How the prompt keystroke (an empty line, <see cref="CommandPolicy.PromptKeystroke"/>) is shown in a plan.</summary>
        public const string PromptKeystrokeText = "<Enter>";

        /// <summary>
        /// Every command a session sends on <paramref name="platform"/> for <paramref name="request"/>, in order: the setup
        /// (the prompt keystroke as <c>&lt;Enter&gt;</c>, <c>enable</c>, <c>show version</c> when
        /// <paramref name="asksVersion"/>, paging off), then <see cref="Plan"/>. Built from the commands the session and
        /// the collector send, each checked against <see cref="CommandPolicy"/>.
        /// </summary>
        public static IReadOnlyList<string> SessionPlan(DevicePlatform platform, CollectionRequest request, bool asksVersion)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var setup = new List<DeviceCommand> { DeviceCommand.PromptKeystroke(), DeviceCommand.Enable() };
            if (asksVersion) setup.Add(DeviceCommand.ShowVersion());
            setup.AddRange(DeviceCommand.Paging(platform));
            var list = new List<string>();
            foreach (var c in setup)
            {
                var kind = c.Kind;
                if (!CommandPolicy.IsAllowed(c.Text, kind, out var reason)) throw new InvalidOperationException($"'{c.Text}' is not an allowed command: {reason}");
                list.Add(c.Text == CommandPolicy.PromptKeystroke ? PromptKeystrokeText : c.Text);
            }
            foreach (var p in Plan(platform, request)) list.Add(p.Command);
            return list;
        }

        /// <summary>
        /// Opens the session if it is not open, runs the plan and returns what was collected. Device failures end
        /// up in <see cref="DeviceCollection.Failure"/>, <see cref="DeviceCollection.Errors"/> or
        /// <see cref="DeviceCollection.Warnings"/>; cancellation throws <see cref="OperationCanceledException"/>.
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
                if (request.Context != null)
                {
                    session.ChangeContext(request.Context, cancellationToken);
                    result.Context = session.Context;
                }
                result.Platform = session.Platform;
                RunPlan(session, request, result, cancellationToken);
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

        private static void RunPlan(DeviceSession session, CollectionRequest request, DeviceCollection result, CancellationToken ct)
        {
            bool asaLike = session.Platform != DevicePlatform.IosXe;
            var flow = request.Flow;
            if (flow != null && !asaLike)
                result.Warn(new DeviceWarning(session.Device, null, null,
                    $"{session.Device}: packet-tracer and VPN contexts are ASA/FTD commands; on IOS-XE the flow only selects the peer."));

            if (flow != null && asaLike)
            {
                var trace = Run(session, DeviceCommand.PacketTracer(flow), optional: false, result, ct);
                Run(session, DeviceCommand.ShowAspTableVpnContextDetail(), optional: false, result, ct);
                var peer = request.Peer ?? (trace != null ? PeerNamedIn(trace.Output) : null);
                CollectSas(session, peer, flow.Destination, result, ct);
            }
            else
            {
                CollectSas(session, request.Peer, flow?.Destination, result, ct);
                if (asaLike) Run(session, DeviceCommand.ShowAspTableVpnContextDetail(), optional: true, result, ct);
            }
            if (request.IncludeInactive && asaLike)
                Run(session, DeviceCommand.ShowCryptoIpsecSaInactive(), optional: true, result, ct);
            if (request.IncludeIkeSas)
                foreach (var c in IkeCommands(session.Platform))
                    Run(session, c, optional: true, result, ct);
            foreach (var c in LifetimeCommands(session.Platform))
                Run(session, c, optional: true, result, ct);
            if (request.IncludeLog)
                Run(session, DeviceCommand.ShowLoggingSaEvents(session.Platform), optional: true, result, ct);
        }

        private static void CollectSas(DeviceSession session, string? peer, string? destination, DeviceCollection result, CancellationToken ct)
        {
            if (peer == null && destination != null)
            {
                // Find the peer from the SAs: the entry whose remote proxy holds the flow's destination.
                var all = Run(session, DeviceCommand.ShowCryptoIpsecSa(), optional: false, result, ct, keep: false);
                if (all == null) return;
                var peers = PeersProtecting(all, destination, session.Device);
                if (peers.Count == 1) peer = peers[0];
                else
                {
                    result.Warn(new DeviceWarning(session.Device, all.Command, null, peers.Count == 0
                        ? $"{session.Device}: no SA protects {destination}; the full SA listing is kept instead of one peer's."
                        : $"{session.Device}: several peers' SAs protect {destination} ({string.Join(", ", peers)}); the full SA listing is kept."));
                    result.Add(all);
                    return;
                }
            }
            if (peer != null)
            {
                result.Peer = peer;
                Run(session, DeviceCommand.ShowCryptoIpsecSaPeer(peer), optional: false, result, ct);
            }
            else Run(session, DeviceCommand.ShowCryptoIpsecSa(), optional: false, result, ct);
        }

        private static IEnumerable<DeviceCommand> IkeCommands(DevicePlatform platform) => platform == DevicePlatform.IosXe
            ? new[] { DeviceCommand.ShowCryptoIsakmpSaDetail(), DeviceCommand.ShowCryptoIkev2SaDetail() }
            : new[] { DeviceCommand.ShowCryptoIkev1SaDetail(), DeviceCommand.ShowCryptoIkev2SaDetail() };

        private static IEnumerable<DeviceCommand> LifetimeCommands(DevicePlatform platform) => platform == DevicePlatform.IosXe
            ? new[] { DeviceCommand.ShowCryptoIpsecProfile(), DeviceCommand.ShowCryptoIpsecSaLifetime() }
            : new[] { DeviceCommand.ShowRunningConfigCryptoIpsec(), DeviceCommand.ShowVpnSessiondbDetailL2l() };

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
