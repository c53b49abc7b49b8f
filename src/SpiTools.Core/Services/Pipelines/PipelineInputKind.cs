using System;
using System.Collections.Generic;
using System.Linq;
using SpiTools.Devices;

namespace SpiTools.Services.Pipelines
{
    /// <summary>What an input to a pipeline is.</summary>
    public enum PipelineInputKind
    {
        /// <summary>A capture file, or a folder of one device's captures.</summary>
        File,

        /// <summary>Device output as text (piped lines or strings), under the label of the device it came from.</summary>
        Text,

        /// <summary>A live device, collected over SSH or through the caller's shell.</summary>
        Device,

        /// <summary>An open stream of device output (standard input), read as one capture; only the read pipeline takes it.</summary>
        Stream,
    }
}
