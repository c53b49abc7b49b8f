namespace SpiTools
{
    /// <summary>
    /// A record the core names while it reads it: the capture reader fills in its source and device as it hands the record
    /// out, and a folder's records get the device a prompt in another of its files named. Internal, so only the core
    /// stamps; outside it <see cref="ICaptureRecord"/> gives these properties read-only. Implemented explicitly by the
    /// parsed records; a record is never stamped again once it has left the core.
    /// </summary>
    internal interface IStampableRecord
    {
        /// <summary>The device name (<see cref="ICaptureRecord.Device"/>).</summary>
        string? Device { get; set; }

        /// <summary>Where the text came from (<see cref="ICaptureRecord.Source"/>).</summary>
        string? Source { get; set; }

        /// <summary>First input line (<see cref="ICaptureRecord.Line"/>).</summary>
        int Line { get; set; }

        /// <summary>Last input line (<see cref="ICaptureRecord.LastLine"/>).</summary>
        int LastLine { get; set; }
    }
}
