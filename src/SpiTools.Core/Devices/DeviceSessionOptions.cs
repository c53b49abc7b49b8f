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

    /// <summary>Something a session or a collection went on after: a setup or optional command the device refused.</summary>
    public sealed class DeviceWarning
    {
        internal DeviceWarning(string? device, string? command, string? deviceErrorLine, string message)
        {
            Device = device;
            Command = command;
            // Device text shown visibly (UntrustedText): a warning is printed as it is.
            DeviceErrorLine = UntrustedText.Visible(deviceErrorLine);
            Message = UntrustedText.Visible(message)!;
        }

        /// <summary>The device.</summary>
        public string? Device { get; }

        /// <summary>The command concerned, if any.</summary>
        public string? Command { get; }

        /// <summary>The device's error line, if it printed one.</summary>
        public string? DeviceErrorLine { get; }

        /// <summary>What happened and what was done instead.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }

    /// <summary>One command's output, complete up to the prompt that followed it.</summary>
    public sealed class CommandOutput
    {
        internal CommandOutput(DeviceCommand command, string prompt, string output, int pagerPresses, TimeSpan duration)
        {
            Command = command.Text;
            Kind = command.Kind;
            FileName = command.FileName;
            Prompt = prompt;
            Output = output;
            PagerPresses = pagerPresses;
            Duration = duration;
            CompletedAt = DateTimeOffset.UtcNow;
        }

        /// <summary>When the output was complete (UTC): its prompt came back.</summary>
        public DateTimeOffset CompletedAt { get; }

        /// <summary>The command as sent.</summary>
        public string Command { get; }

        /// <summary>What the command does.</summary>
        public DeviceCommandKind Kind { get; }

        /// <summary>The prompt it was typed at (<c>fw-edge1#</c>, <c>fw-edge1/ctx#</c>, FTD <c>&gt;</c>).</summary>
        public string Prompt { get; }

        /// <summary>The output: line endings <c>\n</c>, escape sequences and pager residue removed, echoed command stripped, secrets masked.</summary>
        public string Output { get; }

        /// <summary>The output with the prompt and command in front, as the file input recognises it.</summary>
        public string Capture => Prompt + " " + Command + "\n" + Output;

        /// <summary>The file name the capture is saved under.</summary>
        public string FileName { get; }

        /// <summary>Pager prompts answered with a space.</summary>
        public int PagerPresses { get; }

        /// <summary>Time from sending the command to its prompt.</summary>
        public TimeSpan Duration { get; }

        /// <inheritdoc />
        public override string ToString() => Prompt + " " + Command;
    }
}
