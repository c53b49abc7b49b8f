namespace SpiTools.Abstractions
{
    /// <summary>The few error categories SpiTools reports; the module maps them to PowerShell's <c>ErrorCategory</c>.</summary>
    public enum SpiErrorCategory
    {
        /// <summary>A path that does not exist.</summary>
        ObjectNotFound,
        /// <summary>Input that could not be read (permissions, I/O, a directory given as a file).</summary>
        ReadError,
        /// <summary>Input that was read but is not what was expected.</summary>
        InvalidData,
        /// <summary>An argument that is not valid.</summary>
        InvalidArgument,
        /// <summary>A device or connection problem.</summary>
        ConnectionError,
        /// <summary>The operation was refused.</summary>
        PermissionDenied,
        /// <summary>Anything else.</summary>
        NotSpecified,
        /// <summary>Something the operation needs is not installed (a credential store).</summary>
        NotInstalled,
    }
}
