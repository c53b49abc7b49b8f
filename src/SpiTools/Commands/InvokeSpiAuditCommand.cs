using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Internal;
using SpiTools.Services;
using SpiTools.Services.Targets;
using SpiTools.Services.Pipelines;

namespace SpiTools.Commands
{
    /// <summary>
    /// Audits many devices from a scheduled script: collects and diagnoses each over SSH, a bounded number at once,
    /// and outputs each device's findings as it finishes; once all are done, the findings comparing the two ends of
    /// each tunnel among the devices collected, then one <see cref="DeviceAuditSummary"/> per device (with
    /// <c>-IncludeSa</c>, each device's SAs follow its findings, for the report). Devices come from
    /// <c>-ComputerName</c> or from pipeline objects by property name (<c>Import-Csv inventory.csv | Invoke-SpiAudit</c>);
    /// a piped row's other columns (Site, Owner, …) become properties of its device's summary.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "SpiAudit")]
    [OutputType(typeof(Finding), typeof(DeviceAuditSummary), typeof(IpsecSa))]
    public sealed class InvokeSpiAuditCommand : PSCmdlet, IDisposable
    {
        private DeviceTargetBuilder? _builder;
        private readonly Dictionary<string, PSCredential> _secrets = new Dictionary<string, PSCredential>(StringComparer.OrdinalIgnoreCase);
        private System.Threading.CancellationTokenSource? _stopping;

        /// <summary>Devices to audit (host names or addresses); an inventory's ComputerName or Host column binds here.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Host", "HostName")]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

        /// <summary>
        /// The device's identity (an inventory's Name column): names its findings, summary, evidence folder and report
        /// section; without it a device is known by host[:port][/context], never by its prompt's host name.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Name { get; set; }

        /// <summary>The SSH port of the device (an inventory's Port column).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(OptionLimits.MinPort, OptionLimits.MaxPort)]
        public int Port { get; set; } = OptionLimits.DefaultPort;

        /// <summary>The security context of a multi-context ASA (an inventory's Context column).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Context { get; set; }

        /// <summary>The name of a secret holding this device's login, resolved with SecretManagement's Get-Secret (an inventory's CredentialName column).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? CredentialName { get; set; }

        /// <summary>
        /// The piped inventory row itself (not for the command line): its properties other than the connection columns
        /// (Site, Owner, Region, …) are carried to the device's summary as properties of their own.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>The login for devices without a CredentialName.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The enable secret (its password), when logins land in user mode.</summary>
        [Parameter]
        [Credential]
        public PSCredential? EnableCredential { get; set; }

        /// <summary>A private key file to log in with (the credential's password is its passphrase).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyFilePath { get; set; }

        /// <summary>The OpenSSH known_hosts file to check host keys against (default ~/.ssh/known_hosts).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KnownHostsPath { get; set; }

        /// <summary>
        /// The device's host key SHA256 fingerprint (<c>SHA256:…</c>), accepted instead of consulting known_hosts (an
        /// inventory's HostKeyFingerprint column; empty: known_hosts). Held to the pattern -HostKeyFingerprint has elsewhere.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? HostKeyFingerprint { get; set; }

        /// <summary>Record the host key of each device with no key of any type on record (a changed key, or one of another type than the recorded one, is never accepted; parallel runs never corrupt the file).</summary>
        [Parameter]
        public SwitchParameter AcceptNewHostKey { get; set; }

        /// <summary>Devices worked on at once.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinThrottleLimit, OptionLimits.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = OptionLimits.DefaultThrottleLimit;

        /// <summary>Longest time for one device, connection included, in seconds.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinDeviceTimeoutSeconds, OptionLimits.MaxDeviceTimeoutSeconds)]
        public int TimeoutSeconds { get; set; } = OptionLimits.DefaultDeviceTimeoutSeconds;

        /// <summary>Longest wait for one command's output, in seconds (never longer than -TimeoutSeconds).</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinCommandTimeoutSeconds, OptionLimits.MaxCommandTimeoutSeconds)]
        public int CommandTimeoutSeconds { get; set; } = OptionLimits.DefaultCommandTimeoutSeconds;

        /// <summary>Longest wait for a device's prompt after login (a slow banner) and for each step of the enable dialogue, in seconds.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinPromptTimeoutSeconds, OptionLimits.MaxPromptTimeoutSeconds)]
        public int PromptTimeoutSeconds { get; set; } = OptionLimits.DefaultPromptTimeoutSeconds;

        /// <summary>A folder to keep each device's raw outputs in, under &lt;folder&gt;/&lt;device&gt;/&lt;run time&gt;/; the previous run there is the next run's before snapshot.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SaveCapture { get; set; }

        /// <summary>Audit one part of the inventory: K/N (1 &lt;= K &lt;= N) keeps the devices whose host (and :port when not 22) falls in part K of N (for fanning out over jump hosts).</summary>
        [Parameter]
        [ValidatePattern(OptionLimits.PartitionPattern)]
        [ValidatePartition]
        public string? Partition { get; set; }

        /// <summary>Report rekey churn below this projected rekey interval, in seconds.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinRekeyThresholdSeconds, OptionLimits.MaxRekeyThresholdSeconds)]
        public double RekeyThresholdSeconds { get; set; } = OptionLimits.DefaultRekeyThresholdSeconds;

        /// <summary>Also report tunnels whose two ends, both audited, agree (an <c>EndsAgree</c> finding with both ends' SPIs); it counts for nothing in the summaries.</summary>
        [Parameter]
        public SwitchParameter IncludeHealthy { get; set; }

        /// <summary>
        /// Also output each device's IPsec SAs (<see cref="IpsecSa"/> objects, after its findings), for
        /// <c>Export-SpiReport</c>'s SA tables and lifetime charts. Off by default: the console shows findings and summaries.
        /// </summary>
        [Parameter]
        public SwitchParameter IncludeSa { get; set; }

        /// <summary>
        /// Devices paired by hand as the two ends of their tunnels, when NAT or redacted addresses keep the endpoints
        /// from pairing them: <c>@{ 'fw-a' = 'rtr-b' }</c>, by the names the devices' prompts give them (a value may list several devices).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable? PeerOf { get; set; }

        /// <summary>With -SaveCapture and both ends audited: report path loss only beyond this share of the packets sent, in percent.</summary>
        [Parameter]
        [ValidateRange(OptionLimits.MinPathLossTolerancePercent, OptionLimits.MaxPathLossTolerancePercent)]
        public double PathLossTolerancePercent { get; set; } = OptionLimits.DefaultPathLossTolerancePercent;

        private DiagnosisOptions? _diagnosis;

        // -HostKeyFingerprint and -Context given on the command line are the run's (a bad one refuses the run);
        // bound from a piped row they are that row's (a bad one fails that device only).
        private bool _fingerprintForRun, _contextForRun;
        private int _pipedRows;

        protected override void BeginProcessing()
        {
            _fingerprintForRun = MyInvocation.BoundParameters.ContainsKey(nameof(HostKeyFingerprint));
            _contextForRun = MyInvocation.BoundParameters.ContainsKey(nameof(Context));
            var diagnosis = new DiagnosisOptions { RekeyChurnThresholdSeconds = RekeyThresholdSeconds, IncludeHealthy = IncludeHealthy, PathLossTolerancePercent = PathLossTolerancePercent };
            PeerOfParameter.AddTo(diagnosis, PeerOf, this);
            _diagnosis = diagnosis;
        }

        protected override void ProcessRecord() => AddTargets();

        protected override void EndProcessing()
        {
            if (_builder == null || _builder.Targets.Count == 0 && _builder.Failures.Count == 0) return;
            var targets = _builder.Targets;
            WriteVerbose($"Auditing {targets.Count} device(s), {ThrottleLimit} at a time");
            var options = new AuditOptions
            {
                ThrottleLimit = ThrottleLimit,
                Diagnosis = _diagnosis!,
                IncludeSecurityAssociations = IncludeSa,
                SaveCapture = SaveCapture == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(SaveCapture),
            };
            _stopping ??= new System.Threading.CancellationTokenSource();
            // Findings and SAs (-IncludeSa) as lines under their device, so the summaries that follow make one table at a prompt
            // (the SpiTools.Finding#Audit and SpiTools.IpsecSa#Audit views).
            try
            {
                var pipeline = AuditPipeline.Begin(new AuditPipelineOptions { Audit = options, Cancellation = _stopping.Token },
                    new CmdletSink(this) { FindingTypeName = "SpiTools.Finding#Audit", SaTypeName = "SpiTools.IpsecSa#Audit" });
                var connector = DeviceAccess.Connector(this);
                foreach (var target in targets) pipeline.Add(PipelineInput.Live(target, connector));
                // A device with no login is not connected to, but is a Failed row of the run as a refused one is.
                foreach (var failure in _builder.Failures) pipeline.Add(failure);
                pipeline.End();
            }
            finally { Dispose(); }
        }

        /// <summary>Overwrites every secret the cmdlet made, once every device is done (or the pipeline stopped).</summary>
        public void Dispose()
        {
            _builder?.DisposeSecrets();
        }

        protected override void StopProcessing() => (_stopping ??= new System.Threading.CancellationTokenSource()).Cancel();

        /// <summary>
        /// This record's devices as targets, made by the core's <see cref="DeviceTargetBuilder"/> as every cmdlet and CLI
        /// verb makes them: a device given twice (host, port and context) is audited once with a warning, and
        /// -Partition keeps its part. The login is looked up only for a device the run keeps. A bad -Context or
        /// -HostKeyFingerprint given on the command line is a terminating <c>InvalidDeviceArgument</c> error before any
        /// device is contacted; the same in a piped row makes that row's device a Failed row of the run, named by its identity,
        /// and the other rows are audited.
        /// </summary>
        private void AddTargets()
        {
            try
            {
                _builder ??= new DeviceTargetBuilder(new DeviceTargetSpec
                {
                    KeyFilePath = KeyFilePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFilePath),
                    KnownHostsPath = KnownHostsPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KnownHostsPath),
                    AcceptNewHostKey = AcceptNewHostKey,
                    EnableSecret = EnableCredential == null ? null : new DeviceSecret(EnableCredential.Password),
                    CommandTimeoutSeconds = CommandTimeoutSeconds,
                    PromptTimeoutSeconds = PromptTimeoutSeconds,
                    DeviceTimeoutSeconds = TimeoutSeconds,
                    Partition = Partition,
                    HostKeyFingerprint = _fingerprintForRun && !string.IsNullOrEmpty(HostKeyFingerprint) ? HostKeyFingerprint : null,
                    Context = _contextForRun && !string.IsNullOrEmpty(Context) ? Context : null,
                }, WriteWarning);
                string? origin = MyInvocation.ExpectingInput ? "piped row " + (++_pipedRows).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                string? rowContext = _contextForRun || string.IsNullOrEmpty(Context) ? null : Context;
                string? rowFingerprint = _fingerprintForRun ? null : HostKeyFingerprint;
                string? name = string.IsNullOrWhiteSpace(Name) ? null : Name!.Trim();
                var columns = InventoryColumns(InputObject);
                if (name != null && ComputerName!.Length > 1)
                {
                    // Not audited, but a Failed row of the run under the name it was given.
                    var named = new DeviceTargetRow { Host = string.Join(",", ComputerName), Name = name, Port = Port, Context = rowContext, InventoryColumns = columns };
                    if (_builder.Admits(named))
                        _builder.Failure(named, Abstractions.ErrorIds.InvalidDeviceArgument, Abstractions.SpiErrorCategory.InvalidArgument,
                            $"one -Name names one device, but {ComputerName.Length} hosts were given");
                    return;
                }
                foreach (var host in ComputerName!)
                {
                    var row = new DeviceTargetRow { Host = host, Name = name, Port = Port, Context = rowContext, HostKeyFingerprint = rowFingerprint, InventoryColumns = columns, Origin = origin };
                    if (!_builder.Admits(row)) continue;
                    // A piped row's HostKeyFingerprint or Context of the wrong shape fails that device only, as a missing login does.
                    if (_builder.RowFailure(row) != null) continue;
                    var login = LoginFor(row, _builder);
                    if (login == null) continue;
                    row.UserName = login.UserName.TrimStart('\\');
                    row.Password = new DeviceSecret(login.Password);
                    _builder.Build(row);
                }
            }
            catch (DeviceException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex, ex.ErrorId, ErrorCategory.InvalidArgument, ex.ArgumentName));
                throw;
            }
        }

        /// <summary>
        /// A piped inventory row's own columns (every property but the connection columns, see <see cref="InventoryColumnNames"/>),
        /// in the row's order, as text; none for a piped host name or for -ComputerName.
        /// </summary>
        private static IReadOnlyList<KeyValuePair<string, string>> InventoryColumns(PSObject? row)
        {
            if (row == null || row.BaseObject is string || row.BaseObject is ValueType) return Array.Empty<KeyValuePair<string, string>>();
            var columns = new List<KeyValuePair<string, string?>>();
            foreach (var property in row.Properties)
            {
                if (!property.IsGettable) continue;
                object? value;
                try { value = property.Value; }
                catch (GetValueException) { continue; }
                columns.Add(new KeyValuePair<string, string?>(property.Name, value == null ? null : LanguagePrimitives.ConvertTo<string>(value)));
            }
            return InventoryColumnNames.Extra(columns);
        }

        /// <summary>
        /// The device's login: its CredentialName's secret, else -Credential. Without one the device is not audited: its
        /// error (CredentialMissing, CredentialStoreMissing, CredentialNotFound) names it and it is a Failed row of the run
        /// (<see cref="DeviceTargetBuilder.Failure"/>); the other devices are audited.
        /// </summary>
        private PSCredential? LoginFor(DeviceTargetRow row, DeviceTargetBuilder builder)
        {
            if (string.IsNullOrEmpty(CredentialName))
            {
                if (Credential != null) return Credential;
                builder.Failure(row, Abstractions.ErrorIds.CredentialMissing, Abstractions.SpiErrorCategory.InvalidArgument, "no -Credential, and no CredentialName for this device");
                return null;
            }
            if (_secrets.TryGetValue(CredentialName!, out var known)) return known;
            if (InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function) == null)
            {
                builder.Failure(row, Abstractions.ErrorIds.CredentialStoreMissing, Abstractions.SpiErrorCategory.NotInstalled,
                    $"CredentialName '{CredentialName}' needs SecretManagement's Get-Secret, which is not installed");
                return null;
            }
            try
            {
                var found = InvokeCommand.InvokeScript("param($n) Get-Secret -Name $n -ErrorAction Stop", true, System.Management.Automation.Runspaces.PipelineResultTypes.None, null, CredentialName)
                    .Select(o => o?.BaseObject).OfType<PSCredential>().FirstOrDefault();
                if (found == null) throw new PSArgumentException($"secret '{CredentialName}' is not a credential");
                _secrets[CredentialName!] = found;
                return found;
            }
            catch (Exception ex) when (ex is RuntimeException || ex is PSArgumentException)
            {
                builder.Failure(row, Abstractions.ErrorIds.CredentialNotFound, Abstractions.SpiErrorCategory.ObjectNotFound, $"secret '{CredentialName}' could not be read ({ex.Message})", ex);
                return null;
            }
        }
    }
}
