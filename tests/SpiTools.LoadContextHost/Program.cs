using System.Runtime.Loader;
using SpiTools.Devices;
using SpiTools.Internal;

// Usage: SpiTools.LoadContextHost HOST PORT USER KNOWN_HOSTS KEYFILE[:PASSPHRASE_ENV_VAR]...
// One line per key file: "KEYFILE OK <lines of show crypto ipsec sa>" or "KEYFILE FAIL <ErrorId> <message>".
// The first line names the runtime and where System.Formats.Asn1 was loaded from.
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: HOST PORT USER KNOWN_HOSTS KEYFILE[:PASSPHRASE_ENV_VAR]...");
    return 2;
}
Console.WriteLine($"runtime {Environment.Version}");
int failures = 0;
for (int i = 4; i < args.Length; i++)
{
    var spec = args[i].Split(':', 2);
    var passphrase = spec.Length == 2 ? Environment.GetEnvironmentVariable(spec[1]) : null;
    try
    {
        var connector = SshAssemblyLoader.CreateConnector();
        var options = new DeviceConnectOptions
        {
            Host = args[0],
            Port = int.Parse(args[1]),
            UserName = args[2],
            KnownHostsPath = args[3],
            KeyFilePath = spec[0],
            KeyPassphrase = passphrase is null ? null : new DeviceSecret(passphrase),
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        using var session = new DeviceSession(connector.Connect(options, CancellationToken.None), new DeviceSessionOptions
        {
            EnableSecret = new DeviceSecret(Environment.GetEnvironmentVariable("SPITOOLS_TEST_ENABLE") ?? ""),
            PromptTimeout = TimeSpan.FromSeconds(30),
            CommandTimeout = TimeSpan.FromSeconds(60),
        });
        session.Open();
        var output = session.Execute(DeviceCommand.ShowCryptoIpsecSa()).Output;
        Console.WriteLine($"{spec[0]} OK {output.Split('\n').Length}");
    }
    catch (DeviceException ex)
    {
        failures++;
        Console.WriteLine($"{spec[0]} FAIL {ex.ErrorId} {ex.Message}");
    }
}
foreach (var context in AssemblyLoadContext.All)
    foreach (var assembly in context.Assemblies)
        if (assembly.GetName().Name is "System.Formats.Asn1" or "Renci.SshNet")
            Console.WriteLine($"loaded {assembly.GetName().Name} {assembly.GetName().Version} in {(context == AssemblyLoadContext.Default ? "default" : "module")} context");
return failures == 0 ? 0 : 1;
