using System;
using System.Collections.Generic;
using SpiTools.Devices;

namespace SpiTools.Services
{
    /// <summary>One device to collect from, as a front end gathered it from its parameters.</summary>
    public sealed class DeviceTarget
    {
        /// <summary>The host as given (or a Posh-SSH session's host), used in messages before the device is reached.</summary>
        public string Name { get; set; } = "";

        /// <summary>The inventory's name for the device (an inventory row's <c>Name</c>), which becomes its identity; null when none was given.</summary>
        public string? InventoryName { get; set; }

        /// <summary>The inventory row's other columns (Site, Owner, …), name and value in the inventory's order; the device's summary carries them.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> InventoryColumns { get; set; } = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>
        /// The device's identity (<see cref="DeviceId"/>): <see cref="InventoryName"/>, else <c>host[:port][/context]</c>.
        /// Its records, findings, evidence folder and results are named by it, whatever host name its prompt shows.
        /// </summary>
        public string Id => DeviceId.For(InventoryName, Connect?.Host ?? Name, Connect?.Port ?? DeviceId.DefaultPort, Request.Context);

        /// <summary>Where the device is reached: <c>host[:port][/context]</c>, whatever the inventory calls it.</summary>
        public string Address => DeviceId.For(null, Connect?.Host ?? Name, Connect?.Port ?? DeviceId.DefaultPort, Request.Context);

        /// <summary>
        /// How errors and progress name the device (<see cref="DeviceId.Label"/>): the inventory's name with the address in
        /// brackets (<c>fw-edge1 (10.0.0.1:2222)</c>), else the address, which is then the identity.
        /// </summary>
        public string Label => DeviceId.Label(InventoryName, Connect?.Host ?? Name, Connect?.Port ?? DeviceId.DefaultPort, Request.Context);

        /// <summary>How to connect over SSH (null when <see cref="OpenChannel"/> gives a ready shell, e.g. a Posh-SSH session's).</summary>
        public DeviceConnectOptions? Connect { get; set; }

        /// <summary>Opens a shell on a connection the caller already has (Posh-SSH); null to connect with <see cref="Connect"/>.</summary>
        public Func<IDeviceChannel>? OpenChannel { get; set; }

        /// <summary>The enable secret, when the login lands in user mode.</summary>
        public DeviceSecret? EnableSecret { get; set; }

        /// <summary>What to collect: the flow to trace, the peer, the security context.</summary>
        public CollectionRequest Request { get; set; } = CollectionRequest.Create();

        /// <summary>Longest wait for one command's output.</summary>
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>Longest wait for the first prompt after login and for each step of the enable dialogue.</summary>
        public TimeSpan PromptTimeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>Longest time for the whole device, connection included.</summary>
        public TimeSpan DeviceTimeout { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>
        /// Characters of output the device may hold in memory, all commands together (<see cref="OutputBudget"/>); an
        /// output past it is cut with <see cref="Abstractions.ErrorIds.OutputTooLarge"/>. An audit lowers it to its workers' share.
        /// </summary>
        public long OutputBudgetCharacters { get; set; } = OutputBudget.DefaultDeviceCharacters;

        /// <summary>When set, every raw output is saved under <c>SaveCapture/&lt;device&gt;/</c> with the file names the file input recognises.</summary>
        public string? SaveCapture { get; set; }

        /// <summary>A folder under the device's capture folder (an audit's run time), so runs never overwrite each other.</summary>
        public string? SaveCaptureSubfolder { get; set; }

        /// <summary>
        /// Overwrites the secrets this target holds (the password, the key's passphrase, the enable secret): called by the
        /// front end that made them once every device is done (secrets may be shared between targets).
        /// </summary>
        public void DisposeSecrets()
        {
            Connect?.Password?.Dispose();
            Connect?.KeyPassphrase?.Dispose();
            EnableSecret?.Dispose();
        }

        /// <summary>Where the outputs of this device go: <c>SaveCapture/&lt;identity&gt;[/&lt;subfolder&gt;]</c> (null when nothing is saved).</summary>
        public string? CaptureFolder() => SaveCapture == null ? null
            : SaveCaptureSubfolder == null ? System.IO.Path.Combine(SaveCapture, DeviceId.FolderName(Id))
            : System.IO.Path.Combine(SaveCapture, DeviceId.FolderName(Id), SaveCaptureSubfolder);

        /// <summary>A copy a worker may change (its output budget, its capture folder) without touching the caller's target; the secrets are shared, not copied.</summary>
        public DeviceTarget Copy() => (DeviceTarget)MemberwiseClone();
    }
}
