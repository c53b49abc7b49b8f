using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpiTools.Parsing;

namespace SpiTools.Devices
{
    /// <summary>What was collected from one device over one session.</summary>
    public sealed class DeviceCollection
    {
        private readonly List<CommandOutput> _outputs = new List<CommandOutput>();
        private readonly List<DeviceWarning> _warnings = new List<DeviceWarning>();
        private readonly List<DeviceException> _errors = new List<DeviceException>();

        internal DeviceCollection(string device) => Device = device;

        /// <summary>The device: its identity when the session was given one, else the host name from its prompt, else the name it was reached by.</summary>
        public string Device { get; internal set; }

        /// <summary>The host name its prompt showed (null on FTD's bare <c>&gt;</c> or before a prompt was seen).</summary>
        public string? Hostname { get; internal set; }

        /// <summary>The device's identity, when the session was given one: names every record <see cref="Parse"/> gives.</summary>
        public string? Identity { get; internal set; }

        /// <summary>The platform the session found or was given.</summary>
        public DevicePlatform Platform { get; internal set; }

        /// <summary>The plan the collection ran (null when the session failed before it was made).</summary>
        public CollectionPlan? Plan { get; internal set; }

        /// <summary>The security context changed to, if any.</summary>
        public string? Context { get; internal set; }

        /// <summary>The peer whose SAs were shown, if one was.</summary>
        public string? Peer { get; internal set; }

        /// <summary>Each complete output, in the order collected.</summary>
        public IReadOnlyList<CommandOutput> Outputs => _outputs;

        /// <summary>Setup and optional commands the device refused, and other things collection went on after.</summary>
        public IReadOnlyList<DeviceWarning> Warnings => _warnings;

        /// <summary>Required commands the device rejected (collection went on with the others).</summary>
        public IReadOnlyList<DeviceException> Errors => _errors;

        /// <summary>The failure that ended collection early (no prompt, enable refused, incomplete output, disconnect), if any.</summary>
        public DeviceException? Failure { get; internal set; }

        /// <summary>True when every required command's output was collected.</summary>
        public bool IsComplete => Failure is null && _errors.Count == 0;

        internal void Add(CommandOutput output) => _outputs.Add(output);
        internal void Warn(DeviceWarning warning) => _warnings.Add(warning);
        internal void Error(DeviceException error) => _errors.Add(error);

        /// <summary>Each output with its prompt and command in front, as the file input recognises it.</summary>
        public IEnumerable<string> Captures() => _outputs.Select(o => o.Capture);

        /// <summary>
        /// Parses the outputs (<see cref="CaptureParser.ParseLines"/>) as if read from the saved files: each output on its
        /// own, its records' <c>Source</c> the file name it is saved under (<see cref="SaveCapture"/>) and their lines
        /// counted from its echoed command, so a finding cites the same <c>file:line</c> live and from the saved capture.
        /// </summary>
        public IEnumerable<ICaptureRecord> Parse(CaptureParseOptions? options = null)
        {
            options ??= new CaptureParseOptions();
            options.Device ??= Device;
            options.Identity ??= Identity;
            foreach (var output in _outputs)
                foreach (var record in CaptureParser.ParseLines(new[] { output.Capture }, output.FileName, options))
                    yield return record;
        }

        /// <summary>
        /// Writes each output to <paramref name="folder"/> (created if needed) under its command's file name
        /// (<c>show-crypto-ipsec-sa.txt</c>, <c>packet-tracer-input-inside-udp-….txt</c>), replacing a file of the
        /// same name; each file is written to a temporary name first and then moved into place. Returns the paths.
        /// </summary>
        public IReadOnlyList<string> SaveCapture(string folder)
        {
            if (string.IsNullOrEmpty(folder)) throw new ArgumentException("A folder is required.", nameof(folder));
            Directory.CreateDirectory(folder);
            var paths = new List<string>();
            foreach (var o in _outputs)
            {
                var path = Path.Combine(folder, o.FileName);
                var temp = path + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
                File.WriteAllText(temp, o.Capture, new UTF8Encoding(false));
                if (File.Exists(path)) File.Delete(path);
                File.Move(temp, path);
                paths.Add(path);
            }
            return paths;
        }
    }
}
