using System;

namespace SpiTools.Devices
{
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

        /// <summary>When the output was complete (UTC): its prompt came back.</summary>
        public DateTimeOffset CompletedAt { get; }

        /// <inheritdoc />
        public override string ToString() => Prompt + " " + Command;
    }
}
