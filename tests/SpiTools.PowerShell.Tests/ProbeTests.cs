using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit;
public class ProbeTests
{
    [Fact]
    public void Probe()
    {
        var iss = InitialSessionState.CreateDefault2();
        using var ps = PowerShell.Create(iss);
        var dir = (string)typeof(ProbeTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key=="StagedModule").Value!;
        ps.AddScript($"Import-Module '{dir}SpiTools.psd1'; Get-Command -Module SpiTools | Out-String; $PSVersionTable.PSVersion.ToString(); Get-ChildItem '{dir}' | % Name");
        var r = ps.Invoke();
        foreach (var e in ps.Streams.Error) System.Console.WriteLine("ERR " + e);
        System.IO.File.WriteAllText("/tmp/probe.txt", string.Join("\n", r));
    }
}
