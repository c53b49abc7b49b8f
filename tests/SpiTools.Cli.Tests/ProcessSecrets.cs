using Xunit;

namespace SpiTools.Cli.Tests
{
    /// <summary>
    /// The test classes that make secrets through <c>DeviceOptions</c> in this process: the verb's end overwrites every secret
    /// the options made in the process (<c>DeviceOptions.DisposeSecrets</c>), so these classes never run at the same time
    /// (one's end would overwrite the other's secrets while it still reads them).
    /// </summary>
    [CollectionDefinition(nameof(ProcessSecrets))]
    public sealed class ProcessSecrets
    {
    }
}
