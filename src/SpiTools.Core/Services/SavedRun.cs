using System;
using System.Collections.Generic;

namespace SpiTools.Services
{
    /// <summary>One device's run saved in a folder (an audit's or a collection's), with the records read from it as that device's.</summary>
    internal sealed class SavedRun
    {
        internal SavedRun(string device, string folder, IReadOnlyList<ICaptureRecord> records)
        {
            Device = device ?? throw new ArgumentNullException(nameof(device));
            Folder = folder ?? throw new ArgumentNullException(nameof(folder));
            Records = records ?? throw new ArgumentNullException(nameof(records));
        }

        /// <summary>The device's identity.</summary>
        public string Device { get; }

        /// <summary>The run's folder, named after its start time in UTC for an audit.</summary>
        public string Folder { get; }

        /// <summary>What the run saved, read as the device's.</summary>
        public IReadOnlyList<ICaptureRecord> Records { get; }
    }
}
