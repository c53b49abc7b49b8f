using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using SpiTools.Devices;
using SpiTools.Services;
using SpiTools.Services.Targets;

namespace SpiTools.Internal
{
    /// <summary>
    /// The live-device input every capture-reading cmdlet shares (through <see cref="CaptureInputCommand"/>) and
    /// <c>Invoke-InactiveSaClear</c> takes alone: <c>-ComputerName</c> with <c>-Credential</c> (SSH
    /// through SpiTools' own SSH.NET), or <c>-SSHSession</c> (a Posh-SSH session or shell stream), the enable secret,
    /// the security context, host-key checking, timeouts, where to save the raw outputs, and the peer whose SAs to read.
    /// The cmdlets that trace a flow declare its parameters themselves (<see cref="TraceFlow"/>).
    /// </summary>
    public abstract class DeviceInputCommand : PSCmdlet, IDisposable
    {
        protected const string ComputerNameSet = "ComputerName";
        protected const string SshSessionSet = "SSHSession";

        private CancellationTokenSource? _stopping;
        private DeviceTargetBuilder? _builder;

        /// <summary>Devices to connect to over SSH (host names or addresses).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ComputerNameSet)]
        [ValidateNotNullOrEmpty]
        public string[]? ComputerName { get; set; }

        /// <summary>The login: user name and password (with <c>-KeyFilePath</c>, the password is the key's passphrase, as in Posh-SSH).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ComputerNameSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>The SSH port.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateRange(OptionLimits.MinPort, OptionLimits.MaxPort)]
        public int Port { get; set; } = OptionLimits.DefaultPort;

        /// <summary>A private key file to log in with (OpenSSH or PEM).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateNotNullOrEmpty]
        public string? KeyFilePath { get; set; }

        /// <summary>The host key's SHA256 fingerprint (<c>SHA256:…</c>) to accept instead of consulting known_hosts.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidatePattern(OptionLimits.HostKeyFingerprintPattern)]
        public string? HostKeyFingerprint { get; set; }

        /// <summary>The OpenSSH known_hosts file to check host keys against (default <c>~/.ssh/known_hosts</c>).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateNotNullOrEmpty]
        public string? KnownHostsPath { get; set; }

        /// <summary>Record the host key of a device with no key of any type on record (a changed key, or one of another type than the recorded one, is never accepted).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        public SwitchParameter AcceptNewHostKey { get; set; }

        /// <summary>A Posh-SSH session (<c>New-SSHSession</c>) or shell stream (<c>New-SSHShellStream</c>) to collect through.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SshSessionSet)]
        [ValidateNotNull]
        public PSObject? SSHSession { get; set; }

        /// <summary>The enable secret (its password), when the login lands in user mode.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [Credential]
        public PSCredential? EnableCredential { get; set; }

        /// <summary>The security context of a multi-context ASA (<c>changeto context</c>).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidatePattern(OptionLimits.ContextPattern)]
        public string? Context { get; set; }

        /// <summary>Longest wait for one command's output, in seconds.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(OptionLimits.MinCommandTimeoutSeconds, OptionLimits.MaxCommandTimeoutSeconds)]
        public int TimeoutSeconds { get; set; } = OptionLimits.DefaultCommandTimeoutSeconds;

        /// <summary>Longest wait for the prompt after login (a slow banner) and for each step of the enable dialogue, in seconds.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(OptionLimits.MinPromptTimeoutSeconds, OptionLimits.MaxPromptTimeoutSeconds)]
        public int PromptTimeoutSeconds { get; set; } = OptionLimits.DefaultPromptTimeoutSeconds;

        /// <summary>A folder to save every raw output in, under <c>&lt;folder&gt;/&lt;device&gt;/</c>, for offline replay.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? SaveCapture { get; set; }

        /// <summary>The VPN peer whose SAs to read (otherwise the trace or the SAs name it).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? Peer { get; set; }

        /// <summary>True for the live-device parameter sets.</summary>
        protected bool IsDeviceInput => ParameterSetName == ComputerNameSet || ParameterSetName == SshSessionSet;

        /// <summary>Cancelled by Ctrl+C (<see cref="StopProcessing"/>): a hung device is left within a second.</summary>
        protected CancellationToken StopToken => (_stopping ??= new CancellationTokenSource()).Token;

        /// <summary>Cancels device work; derived cmdlets that override this call the base.</summary>
        protected override void StopProcessing() => _stopping?.Cancel();

        /// <summary>
        /// The devices this record names, each with what to collect: <paramref name="extras"/> and <paramref name="flow"/>
        /// are the cmdlet's own (the log, the IKE SA tables; a flow from <see cref="TraceFlow"/>). Targets are made by the
        /// core's <see cref="DeviceTargetBuilder"/>, as every cmdlet and CLI verb makes them: a device given twice is worked
        /// on once. An invalid context, peer or limit is a terminating <c>InvalidDeviceArgument</c> error before anything is
        /// sent to any device.
        /// </summary>
        protected IReadOnlyList<DeviceTarget> DeviceTargets(CollectionExtras extras, DeviceFlow? flow)
        {
            try
            {
                if (_builder == null) _builder = new DeviceTargetBuilder(Spec(extras, flow), WriteWarning);
                if (ParameterSetName == SshSessionSet)
                {
                    var session = SSHSession!;
                    string name = session.Properties["Host"]?.Value as string ?? "ssh-session";
                    return _builder.Add(new[] { new DeviceTargetRow { Host = name, OpenChannel = DeviceAccess.ShellFrom(session.BaseObject) } });
                }
                var rows = new List<DeviceTargetRow>();
                foreach (var host in ComputerName!) rows.Add(new DeviceTargetRow { Host = host });
                return _builder.Add(rows);
            }
            catch (DeviceException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex, ex.ErrorId, CmdletSink.Map(ex.Category), ex.ArgumentName));
                throw;
            }
        }

        /// <summary>Overwrites every secret the cmdlet made (the engine disposes the cmdlet once the pipeline is done).</summary>
        public void Dispose()
        {
            _builder?.DisposeSecrets();
            _builder = null;
            DisposeCore();
        }

        /// <summary>What a derived cmdlet releases when it is disposed.</summary>
        protected virtual void DisposeCore() { }

        /// <summary>The run's options as the core's target spec (paths resolved as the file-system cmdlets resolve them).</summary>
        private DeviceTargetSpec Spec(CollectionExtras extras, DeviceFlow? flow)
        {
            bool key = KeyFilePath != null;
            var login = Credential;
            return new DeviceTargetSpec
            {
                Port = Port,
                UserName = login?.UserName.TrimStart('\\'),
                Password = login == null ? null : new DeviceSecret(login.Password),
                KeyFilePath = key ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFilePath) : null,
                HostKeyFingerprint = HostKeyFingerprint,
                KnownHostsPath = KnownHostsPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KnownHostsPath),
                AcceptNewHostKey = AcceptNewHostKey,
                EnableSecret = EnableCredential == null ? null : new DeviceSecret(EnableCredential.Password),
                Context = Context,
                Flow = flow,
                Peer = Peer,
                Extras = extras,
                CommandTimeoutSeconds = TimeoutSeconds,
                PromptTimeoutSeconds = PromptTimeoutSeconds,
                SaveCapture = SaveCapture == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(SaveCapture),
            };
        }
    }
}
