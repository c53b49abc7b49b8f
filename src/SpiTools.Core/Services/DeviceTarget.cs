using System;
using SpiTools.Devices;

namespace SpiTools.Services
{
    /// <summary>One device to collect from, as a front end gathered it from its parameters.</summary>
    public sealed class DeviceTarget
    {
        /// <summary>The name the device is known by until its prompt names it (the host as given).</summary>
        public string Name { get; set; } = "";

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

        /// <summary>Where the outputs of this device go, once its name is known.</summary>
        public string? CaptureFolderFor(string device) => SaveCapture == null ? null
            : SaveCaptureSubfolder == null ? System.IO.Path.Combine(SaveCapture, CollectionService.SafeFolderName(device))
            : System.IO.Path.Combine(SaveCapture, CollectionService.SafeFolderName(device), SaveCaptureSubfolder);
    }
}
