using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;

namespace SpiTools.Services
{
    /// <summary>
    /// The confirmed remediation of examples/asa-stale-spi for one device (<c>Invoke-InactiveSaClear</c>, <c>spitools clear-inactive</c>):
    /// collects the evidence (the diagnose plan plus <c>show crypto ipsec sa inactive</c>), diagnoses, asks
    /// <see cref="ICommandSink.ShouldProcess"/> once with the device, the exact command and the finding it answers, and
    /// only on yes sends <c>clear crypto ipsec sa inactive</c> (through <see cref="DeviceSession.ExecuteConfirmed"/>, the
    /// only path that sends a state change); then waits the settle delay, collects and diagnoses again.
    /// IOS / IOS-XE have no such command: a typed <see cref="ErrorIds.ClearNotSupported"/> names what fits there and
    /// nothing is cleared. A device with nothing to clear is skipped unless <see cref="SaClearOptions.Force"/> is set.
    /// </summary>
    public static class RemediationService
    {
        /// <summary>
        /// True when a piped object names its device as one that needs the clear: a <c>StaleVpnContext</c> or
        /// <c>StuckInactiveSa</c> finding, or an <c>InactiveIpsecSa</c> record.
        /// </summary>
        public static bool NamesDeviceToClear(string? findingCode, string? recordType) =>
            findingCode == FindingCodes.StaleVpnContext || findingCode == FindingCodes.StuckInactiveSa || recordType == "InactiveIpsecSa";

        /// <summary>The one command this service sends.</summary>
        public static string Command => DeviceCommand.ClearCryptoIpsecSaInactive().Text;

        /// <summary>
        /// Runs the remediation on one device and returns its result whatever happens: <c>NotAttempted</c> when the device
        /// failed before the clear (the typed error was written to the sink), <c>ClearedUnverified</c> when the clear was
        /// sent and the verification could not run (disconnect, timeout, cancellation, a prompt SpiTools does not answer).
        /// Null only for a device no piped finding names, or one already considered in this call.
        /// </summary>
        public static SaClearResult? ClearInactive(DeviceTarget target, IDeviceConnector? connector, SaClearOptions options, ICommandSink sink,
            CancellationToken cancellationToken)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            var result = NotAttempted(target);
            var request = CollectionRequest.Create(target.Request.Flow, target.Request.Peer, target.Request.Context, includeInactive: true);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(target.DeviceTimeout);
            IDeviceChannel? channel;
            try { channel = CollectionService.OpenChannel(target, connector, sink, deadline.Token, cancellationToken, clock); }
            catch (OperationCanceledException) { return Finish(result); } // Ctrl+C while connecting: not reached
            if (channel == null) return Finish(result);
            using (channel)
            using (var session = CollectionService.NewSession(channel, target, clock.Elapsed))
            using (var guard = DeadlineGuard.Watch(channel, deadline.Token))
            {
                // As a collection: the deadline ends the work through the channel and the session's clock, and a failure its
                // time caused is reported as the device's timeout whichever timer noticed first; Ctrl+C wins over both.
                var time = new DeviceTime(target, guard, deadline.Token, cancellationToken);
                try
                {
                    return Run(session, target, request, options, sink, result, time);
                }
                catch (DeviceException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var failure = time.Reported(ex);
                    CollectionService.Report(failure, target, sink);
                    if (result.CommandSent != null) Unverified(result, ex.PartialOutput);
                    return Finish(result);
                }
                catch (Exception ex) when (ex is OperationCanceledException || ex is DeviceException)
                {
                    // Ctrl+C: the result is output all the same (the caller stops after it).
                    if (!cancellationToken.IsCancellationRequested) CollectionService.ReportTimeout(target, sink);
                    if (result.CommandSent != null) Unverified(result, null);
                    return Finish(result);
                }
            }
        }

        /// <summary>The device's deadline and the caller's cancellation, as one clear's steps look at them.</summary>
        private sealed class DeviceTime
        {
            private readonly DeviceTarget _target;
            private readonly DeadlineGuard _guard;

            public DeviceTime(DeviceTarget target, DeadlineGuard guard, CancellationToken deadline, CancellationToken cancellation)
            {
                _target = target;
                _guard = guard;
                Deadline = deadline;
                Cancellation = cancellation;
            }

            /// <summary>Cancelled when the device's time is up or on Ctrl+C.</summary>
            public CancellationToken Deadline { get; }

            /// <summary>Ctrl+C only.</summary>
            public CancellationToken Cancellation { get; }

            /// <summary>The failure as it is reported: the device's timeout when its time running out caused it.</summary>
            public DeviceException Reported(DeviceException failure) => CollectionService.Reported(failure, _target, _guard);

            /// <summary>A collection over the session, as <see cref="CollectionService.CollectTimed"/> makes it.</summary>
            public DeviceCollection Collect(DeviceSession session, CollectionRequest request) =>
                CollectionService.CollectTimed(session, request, _target, _guard, Cancellation);
        }

        /// <summary>The result of a device not reached (or left by Ctrl+C before it was reached): nothing was sent.</summary>
        public static SaClearResult NotAttempted(DeviceTarget target)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            return new SaClearResult
            {
                Device = target.Id,
                Host = target.Connect?.Host,
                Port = target.Connect?.Port,
                Context = target.Request.Context,
                Status = "NotAttempted",
                StartedAt = DateTimeOffset.Now,
                FinishedAt = DateTimeOffset.Now,
            };
        }

        private static SaClearResult Finish(SaClearResult result)
        {
            result.FinishedAt = DateTimeOffset.Now;
            return result;
        }

        /// <summary>The clear went out and the verification could not run: say so, and how to verify by hand.</summary>
        private static void Unverified(SaClearResult result, string? partialAnswer)
        {
            result.Status = "ClearedUnverified";
            result.Resolved = false;
            if (result.DeviceResponse == null && partialAnswer != null) result.DeviceResponse = partialAnswer.Trim();
            var where = Where(result.Device!, result.Hostname, result.Context);
            result.NextStep = $"verify by hand: '{result.CommandSent}' was sent to {where} but its effect could not be checked; " +
                              "log in and run 'show crypto ipsec sa inactive' and 'show asp table vpn-context detail' (or run this again without --yes / -Confirm to read the evidence)";
        }

        private static SaClearResult? Run(DeviceSession session, DeviceTarget target, CollectionRequest request, SaClearOptions options, ICommandSink sink,
            SaClearResult result, DeviceTime time)
        {
            var warned = new HashSet<string>(StringComparer.Ordinal);
            var before = time.Collect(session, request);
            CollectionService.Report(before, target, sink, "before-clear", warned);
            result.Device = before.Device;
            result.Hostname = before.Hostname;
            result.Platform = PlatformNames.Vendor(before.Platform.ToString());
            if (before.Failure != null || before.Outputs.Count == 0) return Finish(result);
            var device = before.Device;
            if (options.OnlyDevices != null && !options.OnlyDevices.Any(n => string.Equals(n, device, StringComparison.OrdinalIgnoreCase)
                                                                         || string.Equals(n, target.Name, StringComparison.OrdinalIgnoreCase)
                                                                         || string.Equals(n, before.Hostname, StringComparison.OrdinalIgnoreCase)))
            {
                sink.Verbose($"{device}: no piped finding names this device; it is left as it is.");
                return null!;
            }
            if (options.Considered != null)
            {
                if (options.Considered.Any(n => DeviceId.Comparer.Equals(n, device)))
                {
                    sink.Verbose($"{device}: given again; it was already considered in this call.");
                    return null!;
                }
                options.Considered.Add(device);
            }
            var (findings, inactive) = Diagnose(before, options);
            result.Context = before.Context ?? result.Context;
            result.BeforeVerdict = Verdict(findings);
            result.BeforeFindings = findings;
            result.StillInactive = Spis(inactive);

            var profile = PlatformProfile.For(before.Platform);
            if (!profile.ClearCommands.Contains(Command))
            {
                var peer = findings.Select(f => f.Peer).Concat(before.Parse().OfType<IpsecSa>().Select(s => s.Peer)).FirstOrDefault(p => p != null) ?? "<peer>";
                var spi = findings.Select(f => f.Spi).FirstOrDefault(s => s != null) ?? "<spi>";
                throw new DeviceException(ErrorIds.ClearNotSupported, SpiErrorCategory.InvalidArgument,
                    $"{device}: IOS / IOS-XE has no '{Command}'; nothing was cleared. What fits there: " +
                    $"'{profile.ClearPeer(peer)}' (every SA to that peer) or '{profile.ClearEntry(peer, spi)}' (one SA); run it yourself if the diagnosis calls for it.")
                { Device = device };
            }

            var stale = findings.Where(f => f.Code == FindingCodes.StaleVpnContext).ToList();
            string answers;
            if (stale.Count > 0)
                answers = string.Join("; ", stale.Select(f => $"{FindingCodes.StaleVpnContext} (peer {f.Peer}, SPI {f.Spi})"));
            else if (inactive.Count > 0)
                answers = $"{inactive.Count} inactive SA(s) listed ({result.StillInactive})";
            else if (options.Force)
                answers = $"no {FindingCodes.StaleVpnContext} finding and no inactive SA (forced)";
            else
            {
                sink.Warning($"{device}: the diagnosis finds no {FindingCodes.StaleVpnContext} and no inactive SA is listed " +
                    $"(verdict: {result.BeforeVerdict}); nothing was cleared. Use -Force (spitools: --force) to clear anyway.");
                result.Status = "Skipped";
                return Finish(result);
            }

            var command = DeviceCommand.ClearCryptoIpsecSaInactive();
            var where = Where(device, before.Hostname, before.Context);
            if (!sink.ShouldProcess(where, $"send '{command.Text}' to answer {answers}; it removes only SAs that can no longer pass traffic, live tunnels stay up"))
            {
                result.Status = options.WhatIf ? "WouldClear" : "Declined";
                if (options.WhatIf)
                {
                    result.WouldSend = command.Text;
                    // The plan the evidence was collected by, which the run after the clear follows again.
                    var plan = before.Plan ?? CollectionPlan.For(before.Platform, request);
                    var again = plan.Commands.Select(p => p.Command);
                    result.PlannedCommands = string.Join("; ", plan.SessionCommands(session.AskedVersion).Concat(new[] { command.Text }).Concat(again));
                }
                return Finish(result);
            }

            // From the moment the line is written, the result says it was sent, whatever happens next.
            var response = session.ExecuteConfirmed(command, time.Cancellation, written: () => { result.CommandSent = command.Text; result.Status = "ClearedUnverified"; });
            result.DeviceResponse = response.Output.Trim();
            sink.Verbose($"{device}: sent '{command.Text}'; waiting {options.SettleDelay.TotalSeconds:0.###} s before collecting again");
            if (options.SettleDelay > TimeSpan.Zero && time.Deadline.WaitHandle.WaitOne(options.SettleDelay))
            {
                time.Cancellation.ThrowIfCancellationRequested();
                throw CollectionService.Timeout(target);
            }

            var after = time.Collect(session, request);
            CollectionService.Report(after, target, sink, "after-clear", warned);
            bool complete = after.Failure == null && after.Outputs.Count > 0;
            if (!complete)
            {
                Unverified(result, null);
                return Finish(result);
            }
            var (afterFindings, afterInactive) = Diagnose(after, options);
            result.Status = "Cleared";
            result.AfterVerdict = Verdict(afterFindings);
            result.AfterFindings = afterFindings;
            result.StillInactive = Spis(afterInactive);
            var afterStale = afterFindings.Where(f => f.Code == FindingCodes.StaleVpnContext).ToList();
            result.Resolved = afterStale.Count == 0 && afterInactive.Count == 0;
            if (!result.Resolved)
            {
                var peers = afterStale.Select(f => f.Peer).Concat(afterInactive.Select(s => s.Peer)).Concat(stale.Select(f => f.Peer))
                    .Where(p => p != null).Distinct(StringComparer.Ordinal).ToList();
                result.NextStep = peers.Count > 0
                    ? string.Join("; ", peers.Select(p => $"clear crypto ipsec sa peer {p}")) +
                      " (drops every IPsec SA to that peer; the IKE SA stays and traffic renegotiates on the next interesting packet)" +
                      (afterInactive.Count > 0 ? "; inactive SAs that stay listed are the CSCwc48375 pattern: only a reload removes them" : "")
                    : "collect again later: the SAs may still be renegotiating";
            }
            return Finish(result);
        }

        /// <summary>The device as a confirmation names it: its identity, with the host name its prompt shows and its context when they add to it.</summary>
        private static string Where(string device, string? hostname, string? context)
        {
            var also = new List<string>();
            if (hostname != null && !string.Equals(hostname, device, StringComparison.OrdinalIgnoreCase)
                && !device.StartsWith(hostname + "/", StringComparison.OrdinalIgnoreCase)) also.Add(hostname);
            if (context != null && !device.EndsWith("/" + context, StringComparison.OrdinalIgnoreCase)) also.Add("context " + context);
            return also.Count == 0 ? device : $"{device} ({string.Join(", ", also)})";
        }

        private static (List<Finding> Findings, List<InactiveIpsecSa> Inactive) Diagnose(DeviceCollection collection, SaClearOptions options)
        {
            var records = collection.Parse().ToList();
            return (SpiDiagnosis.Diagnose(records, null, options.Diagnosis).ToList(), records.OfType<InactiveIpsecSa>().ToList());
        }

        /// <summary>The distinct finding codes joined with <c>;</c>, or <c>Healthy</c> when the diagnosis finds nothing.</summary>
        private static string Verdict(IEnumerable<Finding> findings)
        {
            var codes = string.Join(";", findings.Select(f => f.Code).Distinct(StringComparer.Ordinal));
            return codes.Length == 0 ? "Healthy" : codes;
        }

        private static string Spis(IEnumerable<InactiveIpsecSa> inactive) =>
            string.Join(";", inactive.Select(s => s.Spi).Where(s => s != null).Distinct(StringComparer.Ordinal));
    }
}
