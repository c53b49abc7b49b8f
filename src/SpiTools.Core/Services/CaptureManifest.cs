using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SpiTools.Devices;

namespace SpiTools.Services
{
    /// <summary>
    /// The small file SpiTools writes beside the outputs it saves from a device (<c>collect --out</c>, <c>audit --out</c>,
    /// <c>-SaveCapture</c>): the device's identity, the host name its prompt showed, its platform and context, the host
    /// and port it was reached at, and each command with its file and time. Never a secret: no user, password or key.
    /// Reading a saved folder back, the identity names the device (not its prompt), so two boxes that both answer as
    /// <c>ciscoasa</c>, or two contexts of one box, stay two devices. One line a field (<c>Identity: fw-a</c>), one
    /// <c>Command:</c> line a command (time, file and command separated by tabs); lines it does not know are skipped.
    /// </summary>
    public sealed class CaptureManifest
    {
        /// <summary>The manifest's file name in a capture folder (never read as a capture).</summary>
        public const string FileName = "spitools-capture.manifest";

        private const string Header = "# SpiTools capture manifest: the device these outputs come from and each command's file (no secrets)";

        /// <summary>The device's identity (<see cref="DeviceId"/>).</summary>
        public string Identity { get; set; } = "";

        /// <summary>The host name its prompt showed, when it showed one.</summary>
        public string? Hostname { get; set; }

        /// <summary>ASA, FTD or IOS-XE.</summary>
        public string? Platform { get; set; }

        /// <summary>The security context collected in, if any.</summary>
        public string? Context { get; set; }

        /// <summary>The host it was reached at (null for a shell on the caller's session).</summary>
        public string? Host { get; set; }

        /// <summary>The SSH port it was reached at.</summary>
        public int? Port { get; set; }

        /// <summary>When the first saved output was complete (UTC): orders the runs of one device.</summary>
        public DateTimeOffset CollectedAt { get; set; }

        /// <summary>Each saved command, in the order collected.</summary>
        public IList<CapturedCommand> Commands { get; } = new List<CapturedCommand>();

        /// <summary>The manifest of what a collection saved.</summary>
        public static CaptureManifest For(DeviceCollection collection, DeviceTarget target)
        {
            if (collection is null) throw new ArgumentNullException(nameof(collection));
            if (target is null) throw new ArgumentNullException(nameof(target));
            var manifest = new CaptureManifest
            {
                Identity = target.Id,
                Hostname = collection.Hostname,
                Platform = PlatformNames.Vendor(collection.Platform.ToString()),
                Context = collection.Context ?? target.Request.Context,
                Host = target.Connect?.Host,
                Port = target.Connect?.Port,
                CollectedAt = collection.Outputs.Count > 0 ? collection.Outputs[0].CompletedAt : DateTimeOffset.UtcNow,
            };
            foreach (var o in collection.Outputs) manifest.Commands.Add(new CapturedCommand(o.Command, o.FileName, o.CompletedAt));
            return manifest;
        }

        /// <summary>Writes the manifest into <paramref name="folder"/> (to a temporary name first, then moved into place).</summary>
        public void Write(string folder)
        {
            var text = new StringBuilder();
            text.Append(Header).Append('\n');
            void Field(string name, string? value, bool clean = true)
            {
                if (value != null) text.Append(name).Append(": ").Append(clean ? Clean(value) : value).Append('\n');
            }
            Field("Identity", Identity);
            Field("Hostname", Hostname);
            Field("Platform", Platform);
            Field("Context", Context);
            Field("Host", Host);
            Field("Port", Port?.ToString(CultureInfo.InvariantCulture));
            Field("CollectedAt", Time(CollectedAt));
            foreach (var c in Commands) Field("Command", Time(c.CompletedAt) + "\t" + Clean(c.File) + "\t" + Clean(c.Command), clean: false);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, FileName);
            var temp = path + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
            if (File.Exists(path)) File.Delete(path);
            File.Move(temp, path);
        }

        /// <summary>The manifest in <paramref name="folder"/>; null when there is none, or it names no identity.</summary>
        public static CaptureManifest? Read(string folder)
        {
            var path = Path.Combine(folder, FileName);
            string[] lines;
            try
            {
                if (!File.Exists(path)) return null;
                lines = File.ReadAllLines(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
            var manifest = new CaptureManifest();
            foreach (var line in lines)
            {
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (line.StartsWith("#", StringComparison.Ordinal) || colon <= 0) continue;
                string name = line.Substring(0, colon), value = line.Substring(colon + 2);
                switch (name)
                {
                    case "Identity": manifest.Identity = value; break;
                    case "Hostname": manifest.Hostname = value; break;
                    case "Platform": manifest.Platform = value; break;
                    case "Context": manifest.Context = value; break;
                    case "Host": manifest.Host = value; break;
                    case "Port": manifest.Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : (int?)null; break;
                    case "CollectedAt": manifest.CollectedAt = ParseTime(value) ?? default; break;
                    case "Command":
                        var parts = value.Split(new[] { '\t' }, 3);
                        if (parts.Length == 3 && ParseTime(parts[0]) is { } at) manifest.Commands.Add(new CapturedCommand(parts[2], parts[1], at));
                        break;
                }
            }
            return manifest.Identity.Trim().Length == 0 ? null : manifest;
        }

        private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static DateTimeOffset? ParseTime(string value) =>
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : (DateTimeOffset?)null;

        /// <summary>A value on one line: control characters (a device's text may hold any) become spaces.</summary>
        private static string Clean(string value) => new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
    }
}
