using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;

namespace SpiTools.Services
{
    /// <summary>
    /// Collects from live devices for both front ends: connects (or takes the caller's shell), runs the collection
    /// plan over one session per device, writes the device's warnings and typed errors to the sink, saves the raw
    /// outputs when asked, and hands the records to the same reading and diagnosis paths as captured files.
    /// Only what the plan sends ever reaches a device (see <see cref="DeviceCollector"/> and <see cref="CommandPolicy"/>).
    /// </summary>
    public static class CollectionService
    {
        /// <summary>Collects from one device; null when nothing could be collected (the error was written to the sink).</summary>
        public static DeviceCollection? Collect(DeviceTarget target, IDeviceConnector? connector, ICommandSink sink, CancellationToken cancellationToken)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(target.DeviceTimeout);
            var channel = OpenChannel(target, connector, sink, deadline.Token, cancellationToken, clock);
            if (channel == null) return null;

            DeviceCollection collection;
            var guard = DeadlineGuard.Watch(channel, deadline.Token);
            var session = NewSession(channel, target, clock.Elapsed);
            try
            {
                try
                {
                    // The deadline ends the collection through the channel (the guard closes it) and the session's own clock,
                    // never as a cancellation: what was collected before it is kept, and the command it cut is named.
                    collection = CollectTimed(session, target.Request, target, guard, cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    ReportTimeout(target, sink);
                    return null;
                }
            }
            finally
            {
                guard.Dispose();
                if (guard.Fired)
                {
                    // The deadline has closed the channel: what is left of the SSH session is torn down in the background,
                    // so the device is reported now, not after a disconnect that a starved or hostile peer can drag out.
                    ThreadPool.QueueUserWorkItem(_ =>
                    {
                        try { session.Dispose(); } catch (Exception) { /* already closed */ }
                        try { channel.Dispose(); } catch (Exception) { /* already closed */ }
                    });
                }
                else
                {
                    using (channel) session.Dispose();
                }
            }
            Report(collection, target, sink);
            return collection;
        }

        /// <summary>
        /// Runs the collection plan over a session whose channel <paramref name="guard"/> closes at the device's deadline (a
        /// collection, and each of a clear's collections). Ctrl+C throws whichever part noticed it first: the token, or the read
        /// the guard ended by closing the channel. A failure the device's time caused is reported as the device's timeout.
        /// </summary>
        internal static DeviceCollection CollectTimed(DeviceSession session, CollectionRequest request, DeviceTarget target, DeadlineGuard guard, CancellationToken cancellationToken)
        {
            var collection = DeviceCollector.Collect(session, request, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (collection.Failure is { } failure) collection.Failure = Reported(failure, target, guard);
            return collection;
        }

        /// <summary>
        /// <paramref name="failure"/> as it is reported: the device's timeout when the device's time ran out under a read or a
        /// write — the deadline's guard closed the channel, or the command's watchdog or the session's clock saw the time gone
        /// first (the device ran out of time, it did not hang up). Which of these noticed first is a race of timers on a busy
        /// machine; the report is the same whichever it was.
        /// </summary>
        internal static DeviceException Reported(DeviceException failure, DeviceTarget target, DeadlineGuard guard) =>
            failure.DeviceTimeRanOut || (failure.ErrorId == ErrorIds.DeviceDisconnected && guard.Fired) ? Timeout(target, failure.Command) : failure;

        /// <summary>A session for <paramref name="target"/>, its device time counted from before the connection (<paramref name="spent"/> already gone).</summary>
        internal static DeviceSession NewSession(IDeviceChannel channel, DeviceTarget target, TimeSpan spent) => new DeviceSession(channel, new DeviceSessionOptions
        {
            DeviceTimeSpent = spent,
            DeviceName = target.Name,
            Identity = target.Id,
            EnableSecret = target.EnableSecret,
            CommandTimeout = target.CommandTimeout,
            DeviceTimeout = target.DeviceTimeout,
            OutputBudget = new OutputBudget(target.OutputBudgetCharacters),
            PromptTimeout = target.PromptTimeout,
        });

        internal static void ReportTimeout(DeviceTarget target, ICommandSink sink) => Report(Timeout(target), target, sink);

        /// <summary>The device's timeout as its failure, naming the command it cut short when one was running.</summary>
        internal static DeviceException Timeout(DeviceTarget target, string? command = null) =>
            new DeviceException(ErrorIds.OutputIncomplete, SpiErrorCategory.ConnectionError,
                $"{target.Label}: the device did not finish within the device timeout ({target.DeviceTimeout.TotalSeconds:0} s)"
                + (command is null ? "" : $"; '{command}' was cut short and its output is not used")) { Device = target.Id, Command = command };

        /// <summary>
        /// Connects (or opens a shell on the caller's session); null when that failed (the error was written to the sink). The
        /// clock runs from the device's deadline: a connection timeout that came once the device's time was gone too is
        /// reported as the device's timeout, as the deadline reports it when it notices first.
        /// </summary>
        internal static IDeviceChannel? OpenChannel(DeviceTarget target, IDeviceConnector? connector, ICommandSink sink, CancellationToken deadline, CancellationToken cancellationToken,
            System.Diagnostics.Stopwatch clock)
        {
            IDeviceChannel channel;
            try
            {
                if (target.OpenChannel != null)
                {
                    sink.Verbose($"{target.Label}: opening a shell on the given SSH session");
                    channel = target.OpenChannel();
                }
                else
                {
                    var connect = target.Connect ?? throw new ArgumentException("A device needs connection options or a channel.", nameof(target));
                    if (connector == null) throw new ArgumentNullException(nameof(connector));
                    sink.Verbose($"{target.Id}: connecting to {connect.Host} port {connect.Port} as {connect.UserName}");
                    channel = connector.Connect(connect, deadline);
                }
            }
            catch (DeviceException ex) when (ex.ErrorId == ErrorIds.ConnectionTimeout && clock.Elapsed >= target.DeviceTimeout && !cancellationToken.IsCancellationRequested)
            {
                // The connection's own timeout and the device's ran out together (the same length): whichever noticed first,
                // the device's time is what ended it.
                Report(NoSession(target, ex), target, sink);
                return null;
            }
            catch (DeviceException ex)
            {
                // The connector names the device by the address it dialled; the run knows it by its identity.
                Report(ex, target, sink);
                return null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Report(NoSession(target, null), target, sink);
                return null;
            }
            return channel;
        }

        private static DeviceException NoSession(DeviceTarget target, Exception? inner) =>
            new DeviceException(ErrorIds.ConnectionTimeout, SpiErrorCategory.ConnectionError,
                $"{target.Label}: no session within the device timeout ({target.DeviceTimeout.TotalSeconds:0} s)", inner);

        /// <summary>
        /// Writes what a collection did: each output (verbose), warnings, typed errors; saves the outputs when asked.
        /// <paramref name="warned"/> holds the warnings already written for this device in this run (a clear collects twice):
        /// every warning of the device goes through it, so each is written once.
        /// </summary>
        internal static void Report(DeviceCollection collection, DeviceTarget target, ICommandSink sink, string? subfolder = null, ISet<string>? warned = null)
        {
            void Warn(string message)
            {
                if (warned == null || warned.Add(message)) sink.Warning(message);
            }
            foreach (var o in collection.Outputs)
                sink.Verbose($"{collection.Device}: {o.Command} ({o.Output.Length} characters, {o.Duration.TotalSeconds:0.0} s{(o.PagerPresses > 0 ? $", {o.PagerPresses} page(s)" : "")})");
            foreach (var w in collection.Warnings) Warn(w.Message);
            foreach (var e in collection.Errors) Report(e, target, sink);
            if (collection.Failure != null) Report(collection.Failure, target, sink);
            if (target.SaveCapture != null && collection.Outputs.Count > 0)
            {
                var folder = target.CaptureFolder()!;
                if (subfolder != null) folder = Path.Combine(folder, subfolder);
                WarnOnAnotherHostname(collection, folder, Warn);
                var saved = collection.SaveCapture(folder);
                CaptureManifest.For(collection, target).Write(folder);
                sink.Verbose($"{collection.Device}: {saved.Count} output(s) and {CaptureManifest.FileName} saved in {folder}");
            }
        }

        /// <summary>
        /// A prompt that shows another host name than the device's last saved run (in this folder, or the run before it):
        /// a warning (a box replaced or renamed, or an inventory entry pointing at another box), never a merge.
        /// </summary>
        private static void WarnOnAnotherHostname(DeviceCollection collection, string folder, Action<string> warn)
        {
            if (collection.Hostname == null) return;
            var last = CaptureManifest.Read(folder);
            if (last == null)
            {
                var parent = Path.GetDirectoryName(folder);
                last = parent == null || !Directory.Exists(parent) ? null
                    : Directory.EnumerateDirectories(parent).Select(CaptureManifest.Read).Where(m => m != null && DeviceId.Comparer.Equals(m.Identity, collection.Device))
                        .OrderBy(m => m!.CollectedAt).LastOrDefault();
            }
            if (last?.Hostname != null && !string.Equals(last.Hostname, collection.Hostname, StringComparison.OrdinalIgnoreCase))
                warn($"{collection.Device}: the prompt names this device '{collection.Hostname}', its last saved run '{last.Hostname}'; " +
                    "it is still known as " + collection.Device + " (check the inventory if another box answers at this address)");
        }

        /// <summary>Collects and outputs the records the reading profile wants (the <c>Get-*</c> cmdlets with <c>-ComputerName</c>).</summary>
        public static void Read(DeviceTarget target, IDeviceConnector? connector, CaptureReadOptions options, ICommandSink sink, CancellationToken cancellationToken)
        {
            var collection = Collect(target, connector, sink, cancellationToken);
            if (collection == null || sink.IsStopping) return;
            var tally = new CaptureTally();
            var forwarder = new RecordForwarder(collection.Device, options, sink, tally);
            var stats = new Parsing.ParseStatistics();
            foreach (var r in collection.Parse(new Parsing.CaptureParseOptions { Statistics = stats, Kind = options.Kind }))
            {
                if (sink.IsStopping) return;
                forwarder.Accept(r);
            }
            forwarder.Finish(stats);
            if (tally.Output == 0 && collection.Outputs.Count > 0)
                sink.Warning($"{collection.Device}: no {options.OutputName} output was collected ({string.Join(", ", collection.Outputs.Select(o => o.Command))})");
        }

        /// <summary>Writes a device failure as a non-terminating error with its ErrorId; secrets never reach the message (the core masks them).</summary>
        public static void Report(DeviceException ex, string device, ICommandSink sink)
        {
            ex.Device ??= device;
            sink.Error(ex.ErrorId, ex.Category, ex, device);
        }

        /// <summary>
        /// Writes a failure of <paramref name="target"/> as a non-terminating error named as the run knows the device: its
        /// identity as the error's target and <see cref="DeviceException.Device"/>, its <see cref="DeviceTarget.Label"/> (the
        /// inventory's name with the address, else the address) at the head of the message, whichever name the connector or
        /// the session used.
        /// </summary>
        public static void Report(DeviceException ex, DeviceTarget target, ICommandSink sink)
        {
            if (ex is null) throw new ArgumentNullException(nameof(ex));
            if (target is null) throw new ArgumentNullException(nameof(target));
            Named(ex, target);
            sink.Error(ex.ErrorId, ex.Category, ex, target.Id);
        }

        /// <summary>The failure with its message and <see cref="DeviceException.Device"/> naming <paramref name="target"/> as the run knows it.</summary>
        internal static DeviceException Named(DeviceException ex, DeviceTarget target)
        {
            var connect = target.Connect;
            var names = new List<string?> { target.Id, target.Address, target.Name };
            if (connect != null)
            {
                // As the SSH connector and the host-key check write the address: host, host:port, [host]:port.
                names.Add(connect.Host);
                names.Add(connect.Host + ":" + connect.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                names.Add("[" + connect.Host + "]:" + connect.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return ex.NameDevice(target.Id, target.Label, names);
        }

        /// <summary>A device name as a folder name (<see cref="DeviceId.FolderName"/>).</summary>
        public static string SafeFolderName(string device) => DeviceId.FolderName(device);
    }
}
