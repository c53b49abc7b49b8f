using System;
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
    /// <item>PowerShell 7 (.NET): an <c>AssemblyLoadContext</c> of the module's own resolves every assembly found in
    /// that folder; <c>SpiTools.Core</c> (which holds <see cref="IDeviceConnector"/>) is shared from the default context, so
    /// the connector's type is the module's; assemblies the runtime itself provides come from the runtime.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework, no load contexts): the assemblies are loaded by path, and an
    /// <c>AppDomain.AssemblyResolve</c> handler answers only for names found in that folder.</item>
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
            AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
            {
                var name = new AssemblyName(args.Name).Name;
                if (string.Equals(name, typeof(IDeviceConnector).Assembly.GetName().Name, StringComparison.OrdinalIgnoreCase))
                    return typeof(IDeviceConnector).Assembly;
                var candidate = Path.Combine(folder, name + ".dll");
                return name != null && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && File.Exists(candidate)
                    ? Assembly.LoadFrom(candidate)
                    : null;
            };
            return Assembly.LoadFrom(path);
        }

        private static DeviceException Missing(string message, Exception? inner) =>
            new DeviceException(ErrorIds.SshComponentMissing, SpiErrorCategory.NotSpecified, "SSH support: " + message + ".", inner);
    }
}
