using System;
using System.IO;
using System.Reflection;
using SpiTools.Devices;

namespace SpiTools.Internal
{
    /// <summary>
    /// Which copy of an assembly the SSH connector gets (see <see cref="SshAssemblyLoader"/>): the decisions, kept apart
    /// from the loading so they can be tested on any runtime.
    /// <list type="bullet">
    /// <item>PowerShell 7: the staged copy in <c>dependencies/</c> whenever it is newer than the runtime's, or the runtime
    /// has none (SSH.NET 2026 needs System.Formats.Asn1 10.0.0.0, which .NET 8 and 9, under PowerShell 7.4 and 7.5,
    /// lack); the runtime's copy when it is as new or newer (System.Memory, System.Buffers…).</item>
    /// <item>Windows PowerShell 5.1: the resolve handler answers only for an assembly staged in <c>dependencies/</c> (same
    /// name, public key token and culture, at a version no newer than the staged one, as NuGet unified them), and only
    /// when SpiTools' own assemblies ask (SpiTools, SpiTools.Core, or an assembly loaded from <c>dependencies/</c>).
    /// Any other request in the process is left to whoever else answers it.</item>
    /// </list>
    /// </summary>
    public static class StagedDependency
    {
        /// <summary>True when the staged copy is to be loaded instead of the runtime's.</summary>
        public static bool PreferStaged(Version? staged, Version? runtime) =>
            staged != null && (runtime is null || staged > runtime);

        /// <summary>True when the Windows PowerShell 5.1 resolve handler answers <paramref name="requested"/> with <paramref name="staged"/>.</summary>
        public static bool Answers(AssemblyName requested, AssemblyName? staged, bool askedByOwnAssembly)
        {
            if (requested is null) throw new ArgumentNullException(nameof(requested));
            if (!askedByOwnAssembly || staged is null) return false;
            if (!string.Equals(requested.Name, staged.Name, StringComparison.OrdinalIgnoreCase)) return false;
            var token = requested.GetPublicKeyToken();
            if (token != null && !SameBytes(token, staged.GetPublicKeyToken() ?? Array.Empty<byte>())) return false;
            var culture = requested.CultureName ?? "";
            if (culture.Length > 0 && !string.Equals(culture, staged.CultureName ?? "", StringComparison.OrdinalIgnoreCase)) return false;
            return requested.Version is null || (staged.Version != null && requested.Version <= staged.Version);
        }

        /// <summary>True for SpiTools' own assemblies: the module's, the core's, and those loaded from <paramref name="folder"/>.</summary>
        public static bool IsOwn(Assembly? requester, string folder)
        {
            if (requester is null) return false;
            if (requester == typeof(StagedDependency).Assembly || requester == typeof(IDeviceConnector).Assembly) return true;
            string location;
            try { location = requester.Location; }
            catch (NotSupportedException) { return false; } // a dynamic assembly
            if (string.IsNullOrEmpty(location)) return false;
            var dir = Path.GetDirectoryName(Path.GetFullPath(location)) ?? "";
            return string.Equals(dir.TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar),
                Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (a[i] != b[i]) return false;
            return true;
        }
    }
}
