using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SpiTools.Cli
{
    /// <summary>Output formats of the CLI.</summary>
    public enum OutputFormat
    {
        Table,
        Json,
        Csv,
    }
}
