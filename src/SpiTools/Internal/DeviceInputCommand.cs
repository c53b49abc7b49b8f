using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using SpiTools.Devices;
using SpiTools.Services;

namespace SpiTools.Internal
{
    /// <summary>
    /// The live-device input every capture-reading cmdlet shares (through <see cref="CaptureInputCommand"/>) and
    /// <c>Invoke-InactiveSaClear</c> takes alone: <c>-ComputerName</c> with <c>-Credential</c> (SSH
    /// through SpiTools' own SSH.NET), or <c>-SSHSession</c> (a Posh-SSH session or shell stream), the enable secret,
    /// the security context, host-key checking, timeouts, where to save the raw outputs, and the flow to trace.
    /// </summary>
    public abstract class DeviceInputCommand : PSCmdlet, IDisposable
    {
        protected const string ComputerNameSet = "ComputerName";
        protected const string SshSessionSet = "SSHSession";

        private CancellationTokenSource? _stopping;
        private readonly List<DeviceTarget> _made = new List<DeviceTarget>();

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
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <summary>A private key file to log in with (OpenSSH or PEM).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidateNotNullOrEmpty]
        public string? KeyFilePath { get; set; }

        /// <summary>The host key's SHA256 fingerprint (<c>SHA256:…</c>) to accept instead of consulting known_hosts.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [ValidatePattern(@"^SHA256:[A-Za-z0-9+/]{43}=?$")]
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
        [ValidatePattern(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
        public string? Context { get; set; }

        /// <summary>Longest wait for one command's output, in seconds.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 120;

        /// <summary>Longest wait for the prompt after login (a slow banner) and for each step of the enable dialogue, in seconds.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(1, 600)]
        public int PromptTimeoutSeconds { get; set; } = 20;

        /// <summary>A folder to save every raw output in, under <c>&lt;folder&gt;/&lt;device&gt;/</c>, for offline replay.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? SaveCapture { get; set; }

        /// <summary>The flow to trace: the interface it enters (packet-tracer runs when all six flow values are given).</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.InterfaceCompleter))]
        public string? Interface { get; set; }

        /// <summary>The flow's protocol: tcp, udp, or a protocol number.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ProtocolCompleter))]
        public string? Protocol { get; set; }

        /// <summary>The flow's source address.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? Source { get; set; }

        /// <summary>The flow's source port.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(0, 65535)]
        public int SourcePort { get; set; }

        /// <summary>The flow's destination address.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        /// <summary>The flow's destination port.</summary>
        [Parameter(ParameterSetName = ComputerNameSet)]
        [Parameter(ParameterSetName = SshSessionSet)]
        [ValidateRange(0, 65535)]
        public int DestinationPort { get; set; }

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
        /// The devices this record names, each with what to collect. An invalid flow, context or peer is a
        /// terminating <c>InvalidDeviceArgument</c> error before anything is sent to any device.
        /// </summary>
        protected IReadOnlyList<DeviceTarget> DeviceTargets()
        {
            var request = Request();
            var targets = new List<DeviceTarget>();
            if (ParameterSetName == SshSessionSet)
            {
                var session = SSHSession!;
                string name = session.Properties["Host"]?.Value as string ?? "ssh-session";
                targets.Add(Target(name, null, DeviceAccess.ShellFrom(session.BaseObject), request));
                _made.AddRange(targets);
                return targets;
            }
            foreach (var host in ComputerName!)
            {
                var connect = new DeviceConnectOptions
                {
                    Host = host,
                    Port = Port,
                    UserName = Credential!.UserName.TrimStart('\\'),
                    Password = KeyFilePath == null ? new DeviceSecret(Credential.Password) : null,
                    KeyFilePath = KeyFilePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFilePath),
                    KeyPassphrase = KeyFilePath != null && Credential.Password.Length > 0 ? new DeviceSecret(Credential.Password) : null,
                    HostKeyFingerprint = HostKeyFingerprint,
                    KnownHostsPath = KnownHostsPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KnownHostsPath),
                    AcceptNewHostKey = AcceptNewHostKey,
                };
                targets.Add(Target(host, connect, null, request));
            }
            _made.AddRange(targets);
            return targets;
        }

        /// <summary>Overwrites every secret the cmdlet made (the engine disposes the cmdlet once the pipeline is done).</summary>
        public void Dispose()
        {
            foreach (var target in _made) target.DisposeSecrets();
            _made.Clear();
            DisposeCore();
        }

        /// <summary>What a derived cmdlet releases when it is disposed.</summary>
        protected virtual void DisposeCore() { }

        private DeviceTarget Target(string name, DeviceConnectOptions? connect, Func<IDeviceChannel>? channel, CollectionRequest request) => new DeviceTarget
        {
            Name = name,
            Connect = connect,
            OpenChannel = channel,
            EnableSecret = EnableCredential == null ? null : new DeviceSecret(EnableCredential.Password),
            Request = request,
            CommandTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
            PromptTimeout = TimeSpan.FromSeconds(PromptTimeoutSeconds),
            SaveCapture = SaveCapture == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(SaveCapture),
        };

        /// <summary>True for a cmdlet that reads the IKE SA tables from a live device (Get-IkeSa): they are collected too.</summary>
        protected virtual bool CollectsIkeSas => false;

        /// <summary>
        /// True for a cmdlet that reads the log from a live device (Get-SaEvent, or Compare-SpiContext -IncludeLog):
        /// the SA-relevant lines of the log buffer are collected too (<c>show logging | include …</c>).
        /// </summary>
        protected virtual bool CollectsLog => false;

        private CollectionRequest Request()
        {
            try
            {
                bool anyFlow = Interface != null || Protocol != null || Source != null || Destination != null ||
                               MyInvocation.BoundParameters.ContainsKey(nameof(SourcePort)) || MyInvocation.BoundParameters.ContainsKey(nameof(DestinationPort));
                DeviceFlow? flow = null;
                if (anyFlow)
                {
                    if (Interface == null || Protocol == null || Source == null || Destination == null)
                        throw new DeviceException(Abstractions.ErrorIds.InvalidDeviceArgument, Abstractions.SpiErrorCategory.InvalidArgument,
                            "A flow needs -Interface, -Protocol, -Source and -Destination (and the ports for tcp and udp).");
                    flow = DeviceFlow.Create(Interface, Protocol, Source, SourcePort, Destination, DestinationPort);
                }
                var request = CollectionRequest.Create(flow, Peer, Context);
                if (CollectsIkeSas) request = request.WithIkeSas();
                return CollectsLog ? request.WithLog() : request;
            }
            catch (DeviceException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ex, ex.ErrorId, CmdletSink.Map(ex.Category), ex.ArgumentName));
                throw;
            }
        }
    }
}
