using System;

namespace SpiTools.Devices
{
    /// <summary>How a <see cref="DeviceSession"/> talks to a device.</summary>
    public sealed class DeviceSessionOptions
    {
        /// <summary>The name the device was reached by; used in messages until its prompt names it.</summary>
        public string? DeviceName { get; set; }

        /// <summary>The device's identity (<see cref="Services.DeviceId"/>): when set, it names the device in messages, errors and captures, whatever host name its prompt shows.</summary>
        public string? Identity { get; set; }

        /// <summary>The platform, or <see cref="DevicePlatform.Auto"/> to find it out (FTD's bare prompt, else <c>show version</c>).</summary>
        public DevicePlatform Platform { get; set; } = DevicePlatform.Auto;

        /// <summary>The enable secret, sent only as the answer to <c>Password:</c> after <c>enable</c>. Null: an empty answer (an ASA without an enable password).</summary>
        public DeviceSecret? EnableSecret { get; set; }

        /// <summary>How long to wait for the first prompt and for each step of the enable dialogue.</summary>
        public TimeSpan PromptTimeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>How long one command may take to reach the prompt again (pages included).</summary>
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>How long the whole session may take from <see cref="DeviceSession.Open"/>; null for no limit beyond the per-command one.</summary>
        public TimeSpan? DeviceTimeout { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>
        /// The part of <see cref="DeviceTimeout"/> already spent before <see cref="DeviceSession.Open"/> (connecting): the session's
        /// time runs out when the device's does, not that much later.
        /// </summary>
        internal TimeSpan DeviceTimeSpent { get; set; }

        /// <summary>How long to wait after a prompt-looking line for anything more before taking it as the prompt.</summary>
        public TimeSpan PromptSettle { get; set; } = TimeSpan.FromMilliseconds(50);

        /// <summary>The line ending sent after each command.</summary>
        public string NewLine { get; set; } = "\n";

        /// <summary>Most characters one command's output may have; more is cut and reported as <see cref="Abstractions.ErrorIds.OutputTooLarge"/>.</summary>
        public int MaxOutputCharacters { get; set; } = 128 * 1024 * 1024;

        /// <summary>
        /// Characters of output the session may hold in memory, all commands together (see <see cref="Devices.OutputBudget"/>);
        /// an output that would pass it is cut and reported as <see cref="Abstractions.ErrorIds.OutputTooLarge"/>.
        /// </summary>
        public OutputBudget OutputBudget { get; set; } = new OutputBudget(OutputBudget.DefaultDeviceCharacters);

        /// <summary>Columns of the terminal the session's channel asked for: cursor movement stops at its right margin.</summary>
        public int TerminalWidth { get; set; } = TerminalText.DefaultWidth;

        /// <summary>Pager prompts answered in a row without a new line of output before the pager is taken as stuck.</summary>
        public int MaxStalledPagerPresses { get; set; } = 3;
    }
}
