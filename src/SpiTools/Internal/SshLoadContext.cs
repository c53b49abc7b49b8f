using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using SpiTools.Devices;

namespace SpiTools.Internal
{
    /// <summary>
    /// The module's own load context for the SSH assemblies (PowerShell 7 only; see <see cref="SshAssemblyLoader"/>).
    /// An assembly whose file is in the dependencies folder is loaded here when the staged copy is newer than the one the
    /// runtime provides, or the runtime has none (<see cref="StagedDependency.PreferStaged"/>): on .NET 8 and 9
    /// (PowerShell 7.4, 7.5) that is System.Formats.Asn1 10.0.0.0, which SSH.NET 2026 needs; the runtime's copy is used
    /// when it is as new or newer (System.Memory, System.Buffers…). SpiTools.Core stays the default context's so
    /// <see cref="IDeviceConnector"/> is one type. Anything else falls back to the default context. Never referenced on
    /// .NET Framework.
    /// </summary>
    internal sealed class SshLoadContext : AssemblyLoadContext
    {
        private static SshLoadContext? _instance;
        private static readonly object Gate = new object();
        private readonly string _folder;
        private readonly string _runtimeFolder;
        private readonly Dictionary<string, string> _platform;

        // The reference assembly (System.Runtime.Loader 4.3.0, the one netstandard2.0 can compile against) has only the
        // parameterless constructor: an unnamed, non-collectible context, which is what this is meant to be.
        private SshLoadContext(string folder)
        {
            _folder = folder;
            _runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
            _platform = PlatformAssemblies();
        }

        /// <summary>The one context of this process (made on first use).</summary>
        public static SshLoadContext Create(string folder)
        {
            lock (Gate)
                return _instance ??= new SshLoadContext(folder);
        }

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name;
            if (string.IsNullOrEmpty(name) || name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            var shared = typeof(IDeviceConnector).Assembly;
            if (string.Equals(name, shared.GetName().Name, StringComparison.OrdinalIgnoreCase)) return shared;
            var path = Path.Combine(_folder, name + ".dll");
            if (!File.Exists(path)) return null;
            if (!StagedDependency.PreferStaged(VersionOf(path), RuntimeVersion(name))) return null;
            return LoadFromAssemblyPath(path);
        }

        /// <summary>The version of the copy the default context would load (the runtime's, PowerShell's), or null when there is none.</summary>
        private Version? RuntimeVersion(string name)
        {
            if (_platform.TryGetValue(name, out var path)) return VersionOf(path);
            var beside = _runtimeFolder.Length > 0 ? Path.Combine(_runtimeFolder, name + ".dll") : "";
            return beside.Length > 0 && File.Exists(beside) ? VersionOf(beside) : null;
        }

        private static Version? VersionOf(string path)
        {
            try { return AssemblyName.GetAssemblyName(path).Version; }
            catch (Exception ex) when (ex is BadImageFormatException || ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return null;
            }
        }

        /// <summary>The trusted platform assemblies (what the default context loads from), by simple name.</summary>
        private static Dictionary<string, string> PlatformAssemblies()
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
                foreach (var file in list.Split(Path.PathSeparator))
                    if (file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                        map[Path.GetFileNameWithoutExtension(file)] = file;
            return map;
        }
    }
}
