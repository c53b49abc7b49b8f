using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using SpiTools.Abstractions;
using SpiTools.Devices;

namespace SpiTools.Internal
{
    /// <summary>
    /// Loads the SSH connector (SpiTools.Ssh and SSH.NET with what it needs) from the module's own
    /// <c>dependencies</c> folder, away from any other SSH.NET in the session: Posh-SSH loads its own
    /// <c>Renci.SshNet</c> (2024.0.0.0) into PowerShell's default load context, and a second version there fails.
    /// <list type="bullet">
    /// <item>PowerShell 7 (.NET): an <c>AssemblyLoadContext</c> of the module's own resolves the assemblies found in
    /// that folder; <c>SpiTools.Core</c> (which holds <see cref="IDeviceConnector"/>) is shared from the default context, so
    /// the connector's type is the module's; an assembly the runtime provides comes from the runtime unless the staged
    /// copy is newer (System.Formats.Asn1 10.0.0.0 on .NET 8 and 9: PowerShell 7.4 and 7.5).</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework, no load contexts): the assemblies are loaded by path, and an
    /// <c>AppDomain.AssemblyResolve</c> handler answers only for the assemblies staged in that folder, and only when
    /// SpiTools' own assemblies ask (<see cref="StagedDependency"/>).</item>
    /// </list>
    /// The context and the handler are made once per process (the assembly is shared by every runspace) and never change.
    /// </summary>
    public static class SshAssemblyLoader
    {
        /// <summary>The folder, inside the module folder, that holds the SSH assemblies.</summary>
        public const string DependencyFolderName = "dependencies";

        private const string SshAssemblyName = "SpiTools.Ssh";
        private const string ConnectorTypeName = "SpiTools.Ssh.SshDeviceConnector";
        private static readonly object Gate = new object();
        private static Assembly? _sshAssembly;

        /// <summary>The <c>dependencies</c> folder beside the module's assembly.</summary>
        public static string DependencyFolder =>
            Path.Combine(Path.GetDirectoryName(typeof(SshAssemblyLoader).Assembly.Location) ?? ".", DependencyFolderName);

        /// <summary>True on .NET (PowerShell 7), where assemblies load in a context of their own.</summary>
        public static bool UsesLoadContext => typeof(object).Assembly.GetName().Name == "System.Private.CoreLib";

        /// <summary>A new SSH connector, its assemblies loaded (once) from <see cref="DependencyFolder"/>.</summary>
        /// <exception cref="DeviceException"><see cref="ErrorIds.SshComponentMissing"/> when the folder or an assembly in it is missing or cannot load.</exception>
        public static IDeviceConnector CreateConnector()
        {
            var assembly = LoadSshAssembly();
            var type = assembly.GetType(ConnectorTypeName, throwOnError: false)
                ?? throw Missing($"{assembly.GetName().Name} has no {ConnectorTypeName}", null);
            return (IDeviceConnector)Activator.CreateInstance(type)!;
        }

        /// <summary>The loaded SpiTools.Ssh assembly (for diagnostics: which context, which SSH.NET).</summary>
        public static Assembly LoadSshAssembly()
        {
            lock (Gate)
            {
                if (_sshAssembly != null) return _sshAssembly;
                var folder = DependencyFolder;
                var path = Path.Combine(folder, SshAssemblyName + ".dll");
                if (!File.Exists(path))
                    throw Missing($"{path} is missing; the module folder is incomplete (stage it with dotnet publish src/SpiTools)", null);
                try
                {
                    _sshAssembly = UsesLoadContext ? LoadInOwnContext(folder, path) : LoadByPath(folder, path);
                }
                catch (Exception ex) when (ex is FileLoadException || ex is BadImageFormatException || ex is FileNotFoundException || ex is TypeLoadException)
                {
                    throw Missing($"{path} could not be loaded ({ex.Message})", ex);
                }
                return _sshAssembly;
            }
        }

        // Kept out of line: on .NET Framework this method is never compiled, so AssemblyLoadContext is never looked for.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Assembly LoadInOwnContext(string folder, string path) => SshLoadContext.Create(folder).LoadFromAssemblyPath(path);

        private static Assembly LoadByPath(string folder, string path)
        {
            var staged = new Dictionary<string, (AssemblyName Name, string Path)>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in Directory.GetFiles(folder, "*.dll"))
            {
                try { var n = AssemblyName.GetAssemblyName(file); if (n.Name != null) staged[n.Name] = (n, file); }
                catch (BadImageFormatException) { /* not an assembly: never an answer */ }
            }
            var core = typeof(IDeviceConnector).Assembly;
            AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
            {
                // Only SpiTools' own assemblies get an answer, and only with what dependencies/ holds (StagedDependency).
                if (!StagedDependency.IsOwn(args.RequestingAssembly, folder)) return null;
                var requested = new AssemblyName(args.Name);
                if (string.Equals(requested.Name, core.GetName().Name, StringComparison.OrdinalIgnoreCase)) return core;
                if (requested.Name is null || !staged.TryGetValue(requested.Name, out var candidate)) return null;
                return StagedDependency.Answers(requested, candidate.Name, askedByOwnAssembly: true) ? Assembly.LoadFrom(candidate.Path) : null;
            };
            return Assembly.LoadFrom(path);
        }

        private static DeviceException Missing(string message, Exception? inner) =>
            new DeviceException(ErrorIds.SshComponentMissing, SpiErrorCategory.NotSpecified, "SSH support: " + message + ".", inner);
    }
}
