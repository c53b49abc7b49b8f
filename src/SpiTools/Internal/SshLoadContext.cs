using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using SpiTools.Devices;

namespace SpiTools.Internal
{
    /// <summary>
    /// The module's own load context for the SSH assemblies (PowerShell 7 only; see <see cref="SshAssemblyLoader"/>).
    /// An assembly is loaded here when its file is in the dependencies folder, unless the runtime itself provides it
    /// (System.Memory, System.Formats.Asn1, …: the runtime's copy is newer and shared) or it is SpiTools.Core, which
    /// stays the default context's so <see cref="IDeviceConnector"/> is one type. Anything else falls back to the default
    /// context. Never referenced on .NET Framework.
    /// </summary>
    internal sealed class SshLoadContext : AssemblyLoadContext
    {
        private static SshLoadContext? _instance;
        private static readonly object Gate = new object();
        private readonly string _folder;
        private readonly string _runtimeFolder;

        // The reference assembly (System.Runtime.Loader 4.3.0, the one netstandard2.0 can compile against) has only the
        // parameterless constructor: an unnamed, non-collectible context, which is what this is meant to be.
        private SshLoadContext(string folder)
        {
            _folder = folder;
            _runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
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
            if (_runtimeFolder.Length > 0 && File.Exists(Path.Combine(_runtimeFolder, name + ".dll"))) return null;
            return LoadFromAssemblyPath(path);
        }
    }
}
