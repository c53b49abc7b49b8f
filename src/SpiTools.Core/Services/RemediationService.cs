using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;

namespace SpiTools.Services
{
    /// <summary>How <see cref="RemediationService.ClearInactive"/> runs.</summary>
    public sealed class SaClearOptions
    {
        /// <summary>Clear even when the diagnosis finds no <c>StaleVpnContext</c> and no inactive SA is listed.</summary>
        public bool Force { get; set; }

        /// <summary>How long to wait after the clear before collecting again (default 5 s).</summary>
        public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>
        /// When set, only a device named here (by the name it was reached by or by its prompt's host name; case-insensitive)
        /// is considered; another is left after the read-only evidence, with a verbose message and no result.
        /// </summary>
        public ICollection<string>? OnlyDevices { get; set; }

        /// <summary>
        /// The devices already considered in this call (by prompt host name; case-insensitive), filled in as devices are
        /// reached: one device reached under two names is asked about and cleared once. Null: not tracked.
        /// </summary>
        public ICollection<string>? Considered { get; set; }

        /// <summary>The diagnosis options used before and after.</summary>
        public DiagnosisOptions Diagnosis { get; set; } = new DiagnosisOptions();
    }

    /// <summary>
    /// The confirmed remediation of seed 000 for one device (<c>Invoke-InactiveSaClear</c>, <c>spitools clear-inactive</c>):
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
        /// Runs the remediation on one device. Returns the result (also when declined or skipped, with
        /// <see cref="SaClearResult.CommandSent"/> null), or null when the device failed (the typed error was written to the sink).
        /// </summary>
        public static SaClearResult? ClearInactive(DeviceTarget target, IDeviceConnector? connector, SaClearOptions options, ICommandSink sink,
            CancellationToken cancellationToken)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (sink is null) throw new ArgumentNullException(nameof(sink));
            var started = DateTimeOffset.Now;
            var request = CollectionRequest.Create(target.Request.Flow, target.Request.Peer, target.Request.Context, includeInactive: true);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(target.DeviceTimeout);
            var channel = CollectionService.OpenChannel(target, connector, sink, deadline.Token, cancellationToken);
            if (channel == null) return null;
            using (channel)
            using (var session = CollectionService.NewSession(channel, target))
            {
                try
                {
                    return Run(session, target, request, options, sink, started, deadline.Token);
                }
                catch (DeviceException ex)
                {
                    CollectionService.Report(ex, session.Device, sink);
                    return null;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    CollectionService.ReportTimeout(target, sink);
                    return null;
                }
            }
        }

        private static SaClearResult? Run(DeviceSession session, DeviceTarget target, CollectionRequest request, SaClearOptions options, ICommandSink sink,
            DateTimeOffset started, CancellationToken ct)
        {
            var before = DeviceCollector.Collect(session, request, ct);
            CollectionService.Report(before, target, sink, "before-clear");
            if (before.Failure != null || before.Outputs.Count == 0) return null;
            var device = before.Device;
            if (options.OnlyDevices != null && !options.OnlyDevices.Any(n => string.Equals(n, device, StringComparison.OrdinalIgnoreCase)
                                                                         || string.Equals(n, target.Name, StringComparison.OrdinalIgnoreCase)))
            {
                sink.Verbose($"{device}: no piped finding names this device; it is left as it is.");
                return null;
            }
            if (options.Considered != null)
            {
                if (options.Considered.Any(n => string.Equals(n, device, StringComparison.OrdinalIgnoreCase)))
                {
                    sink.Verbose($"{device}: reached again as {target.Name}; it was already considered in this call.");
                    return null;
                }
                options.Considered.Add(device);
            }
            var (findings, inactive) = Diagnose(before, options);
            var result = new SaClearResult
            {
                Device = device,
                Platform = before.Platform.ToString(),
                Context = before.Context,
                BeforeVerdict = Verdict(findings),
                StillInactive = Spis(inactive),
                StartedAt = started,
            };

            if (before.Platform == DevicePlatform.IosXe)
            {
                var peer = findings.Select(f => f.Peer).Concat(before.Parse().OfType<IpsecSa>().Select(s => s.Peer)).FirstOrDefault(p => p != null) ?? "<peer>";
                var spi = findings.Select(f => f.Spi).FirstOrDefault(s => s != null) ?? "<spi>";
                throw new DeviceException(ErrorIds.ClearNotSupported, SpiErrorCategory.InvalidArgument,
                    $"{device}: IOS / IOS-XE has no 'clear crypto ipsec sa inactive'; nothing was cleared. What fits there: " +
                    $"'clear crypto sa peer {peer}' (every SA to that peer) or 'clear crypto sa entry {peer} esp {spi}' (one SA); run it yourself if the diagnosis calls for it.")
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
                    $"(verdict: {(result.BeforeVerdict.Length == 0 ? "no finding" : result.BeforeVerdict)}); nothing was cleared. Use -Force (spitools: --force) to clear anyway.");
                result.Status = "Skipped";
                result.FinishedAt = DateTimeOffset.Now;
                return result;
            }

            var command = DeviceCommand.ClearCryptoIpsecSaInactive();
            var where = before.Context != null ? $"{device} (context {before.Context})" : device;
            if (!sink.ShouldProcess(where, $"send '{command.Text}' to answer {answers}; it removes only SAs that can no longer pass traffic, live tunnels stay up"))
            {
                result.Status = "Declined";
                result.FinishedAt = DateTimeOffset.Now;
                return result;
            }

            var response = session.ExecuteConfirmed(command, ct);
            result.Status = "Cleared";
            result.CommandSent = command.Text;
            result.DeviceResponse = response.Output.Trim();
            sink.Verbose($"{device}: sent '{command.Text}'; waiting {options.SettleDelay.TotalSeconds:0.###} s before collecting again");
            if (options.SettleDelay > TimeSpan.Zero && ct.WaitHandle.WaitOne(options.SettleDelay)) ct.ThrowIfCancellationRequested();

            var after = DeviceCollector.Collect(session, request, ct);
            CollectionService.Report(after, target, sink, "after-clear");
            var (afterFindings, afterInactive) = Diagnose(after, options);
            result.AfterVerdict = Verdict(afterFindings);
            result.StillInactive = Spis(afterInactive);
            bool complete = after.Failure == null && after.Outputs.Count > 0;
            var afterStale = afterFindings.Where(f => f.Code == FindingCodes.StaleVpnContext).ToList();
            result.Resolved = complete && afterStale.Count == 0 && afterInactive.Count == 0;
            if (!result.Resolved)
            {
                var peers = afterStale.Select(f => f.Peer).Concat(afterInactive.Select(s => s.Peer)).Concat(stale.Select(f => f.Peer))
                    .Where(p => p != null).Distinct(StringComparer.Ordinal).ToList();
                result.NextStep = peers.Count > 0
                    ? string.Join("; ", peers.Select(p => $"clear crypto ipsec sa peer {p}")) +
                      " (drops every IPsec SA to that peer; the IKE SA stays and traffic renegotiates on the next interesting packet)" +
                      (afterInactive.Count > 0 ? "; inactive SAs that stay listed are the CSCwc48375 pattern: only a reload removes them" : "")
                    : complete ? "collect again later: the SAs may still be renegotiating" : "collect again: the evidence after the clear is incomplete";
            }
            result.FinishedAt = DateTimeOffset.Now;
            return result;
        }

        private static (List<Finding> Findings, List<InactiveIpsecSa> Inactive) Diagnose(DeviceCollection collection, SaClearOptions options)
        {
            var records = collection.Parse().ToList();
            return (SpiDiagnosis.Diagnose(records, null, options.Diagnosis).ToList(), records.OfType<InactiveIpsecSa>().ToList());
        }

        private static string Verdict(IEnumerable<Finding> findings) => string.Join(";", findings.Select(f => f.Code).Distinct(StringComparer.Ordinal));

        private static string Spis(IEnumerable<InactiveIpsecSa> inactive) =>
            string.Join(";", inactive.Select(s => s.Spi).Where(s => s != null).Distinct(StringComparer.Ordinal));
    }
}
