using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Devices;

namespace SpiTools.Services.Pipelines
{
    /// <summary>
    /// One input to a pipeline (<see cref="DiagnosePipeline"/>, <see cref="TimelinePipeline"/>, …), whichever front end
    /// bound it: a file or folder, piped text with its device label, or a live device target. A pipeline takes any number
    /// of them between its <c>Begin</c> and its <c>End</c>.
    /// </summary>
    public sealed class PipelineInput
    {
        private PipelineInput(PipelineInputKind kind) => Kind = kind;

        /// <summary>What this input is.</summary>
        public PipelineInputKind Kind { get; }

        /// <summary>The file or folder (<see cref="PipelineInputKind.File"/>).</summary>
        public string? Path { get; private set; }

        /// <summary>The device label of text (<see cref="PipelineInputKind.Text"/>; null when not named); a prompt echoed in the text takes precedence.</summary>
        public string? Device { get; private set; }

        /// <summary>The lines of text (<see cref="PipelineInputKind.Text"/>).</summary>
        public IReadOnlyList<string?> Lines { get; private set; } = Array.Empty<string?>();

        /// <summary>The live device (<see cref="PipelineInputKind.Device"/>).</summary>
        public DeviceTarget? Target { get; private set; }

        /// <summary>What connects to <see cref="Target"/> (null when the target brings its own shell).</summary>
        public IDeviceConnector? Connector { get; private set; }

        /// <summary>The stream (<see cref="PipelineInputKind.Stream"/>), named by <see cref="Path"/>.</summary>
        public System.IO.Stream? Stream { get; private set; }

        /// <summary>An open stream read as one capture named <paramref name="source"/> (<c>-</c> for standard input).</summary>
        public static PipelineInput FromStream(System.IO.Stream stream, string source) => new PipelineInput(PipelineInputKind.Stream)
        {
            Stream = stream ?? throw new ArgumentNullException(nameof(stream)),
            Path = source,
        };

        /// <summary>A capture file, or a folder whose files directly in it are one device's captures.</summary>
        public static PipelineInput File(string path) => new PipelineInput(PipelineInputKind.File)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path)),
        };

        /// <summary>
        /// Device output as text from the device labelled <paramref name="device"/>: lines of one label given over several
        /// inputs are one text, in the order they came (a pipeline of <c>Get-Content</c> lines).
        /// </summary>
        public static PipelineInput Text(string? device, IEnumerable<string?> lines) => new PipelineInput(PipelineInputKind.Text)
        {
            Device = device,
            Lines = (lines ?? throw new ArgumentNullException(nameof(lines))).ToList(),
        };

        /// <summary>A live device and what connects to it (null when <see cref="DeviceTarget.OpenChannel"/> gives the shell).</summary>
        public static PipelineInput Live(DeviceTarget target, IDeviceConnector? connector) => new PipelineInput(PipelineInputKind.Device)
        {
            Target = target ?? throw new ArgumentNullException(nameof(target)),
            Connector = connector,
        };
    }
}
