using System;
using System.IO;
using System.Reflection;
using SpiTools.Internal;
using Xunit;

namespace SpiTools.Contract.Tests
{
    /// <summary>
    /// Which copy of an assembly the SSH connector gets: on PowerShell 7 the staged one whenever it is newer than the
    /// runtime's; on Windows PowerShell 5.1 (which cannot run here) the resolve handler's decision, tested as logic.
    /// </summary>
    public sealed class StagedDependencyTests
    {
        private static readonly AssemblyName StagedAsn1 = new("System.Formats.Asn1, Version=10.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");
        private static readonly AssemblyName StagedMemory = new("System.Memory, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");

        [Fact]
        public void The_staged_copy_is_taken_whenever_it_is_newer_than_the_runtimes()
        {
            // .NET 8 / 9 (PowerShell 7.4 / 7.5): System.Formats.Asn1 8.0.0.0 / 9.0.0.0 against the staged 10.0.0.0.
            Assert.True(StagedDependency.PreferStaged(new Version(10, 0, 0, 0), new Version(8, 0, 0, 0)));
            Assert.True(StagedDependency.PreferStaged(new Version(10, 0, 0, 0), new Version(9, 0, 0, 0)));
            // Not provided by the runtime at all (SSH.NET itself, BouncyCastle).
            Assert.True(StagedDependency.PreferStaged(new Version(2026, 0, 0, 1), null));
            // As new or newer in the runtime: the runtime's (System.Memory 4.0.2.0 staged, 10.0.0.0 in .NET 10).
            Assert.False(StagedDependency.PreferStaged(new Version(10, 0, 0, 0), new Version(10, 0, 0, 0)));
            Assert.False(StagedDependency.PreferStaged(new Version(4, 0, 2, 0), new Version(10, 0, 0, 0)));
            Assert.False(StagedDependency.PreferStaged(null, new Version(8, 0, 0, 0)));
        }

        [Fact]
        public void The_51_resolve_handler_answers_only_for_staged_assemblies_and_only_when_spitools_asks()
        {
            // What it must answer: the staged assembly, at its version or an older one NuGet unified to it, asked by ours.
            Assert.True(StagedDependency.Answers(StagedAsn1, StagedAsn1, askedByOwnAssembly: true));
            Assert.True(StagedDependency.Answers(new AssemblyName("System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"), StagedMemory, true));
            // Asked by anyone else in the process (another module, PowerShell itself): never.
            Assert.False(StagedDependency.Answers(StagedAsn1, StagedAsn1, askedByOwnAssembly: false));
            // A newer version than staged, another public key token, another culture, or a name not staged: never.
            Assert.False(StagedDependency.Answers(new AssemblyName("System.Formats.Asn1, Version=11.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"), StagedAsn1, true));
            Assert.False(StagedDependency.Answers(new AssemblyName("System.Formats.Asn1, Version=10.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef"), StagedAsn1, true));
            Assert.False(StagedDependency.Answers(new AssemblyName("System.Formats.Asn1, Version=10.0.0.0, Culture=fr, PublicKeyToken=cc7b13ffcd2ddd51"), StagedAsn1, true));
            Assert.False(StagedDependency.Answers(new AssemblyName("Renci.SshNet, Version=2024.0.0.0, Culture=neutral, PublicKeyToken=1cee9f8bde3db106"), null, true));
            Assert.False(StagedDependency.Answers(new AssemblyName("Renci.SshNet, Version=2024.0.0.0"), StagedAsn1, true));
        }

        [Fact]
        public void Spitools_own_assemblies_are_the_modules_the_cores_and_those_in_the_folder()
        {
            var folder = Path.Combine(Path.GetDirectoryName(typeof(StagedDependency).Assembly.Location)!, "dependencies");
            Assert.True(StagedDependency.IsOwn(typeof(StagedDependency).Assembly, folder));
            Assert.True(StagedDependency.IsOwn(typeof(SpiTools.Devices.IDeviceConnector).Assembly, folder));
            Assert.False(StagedDependency.IsOwn(typeof(FactAttribute).Assembly, folder));
            Assert.False(StagedDependency.IsOwn(null, folder));
            // An assembly whose file is in the folder is ours (the test's own folder stands in for it here).
            Assert.True(StagedDependency.IsOwn(typeof(FactAttribute).Assembly, Path.GetDirectoryName(typeof(FactAttribute).Assembly.Location)!));
        }
    }
}
