using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SpiTools.Abstractions;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Ends;
using SpiTools.Parsing;

namespace SpiTools.Services
{
    /// <summary>One device's diagnosis: the records read for it and what was found.</summary>
    public sealed class DeviceDiagnosis
    {
        internal DeviceDiagnosis(string device, string? folder, IReadOnlyList<ICaptureRecord> records, IReadOnlyList<Finding> findings,
            IReadOnlyList<Finding>? notJudged = null)
        {
            Device = device;
            Folder = folder;
            Records = records;
            Findings = findings;
            NotJudged = notJudged ?? Array.Empty<Finding>();
        }

        /// <summary>The device's name: an echoed prompt, else its captures' folder, else the text's device label.</summary>
        public string Device { get; }

        /// <summary>The folder its captures came from (null for piped text).</summary>
        public string? Folder { get; }

        /// <summary>Every record read for it, diagnostics included.</summary>
        public IReadOnlyList<ICaptureRecord> Records { get; }

        /// <summary>The findings, in the order the checks report them.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        /// <summary>
        /// What the checks judged on counter growth could not judge for want of traffic since the earlier snapshot
        /// (<see cref="Diagnosis.DiagnosisContext.NotJudged"/>): the device's own checks', then the both-ends checks' (with a <see cref="Finding.PeerDevice"/>).
        /// </summary>
        internal IReadOnlyList<Finding> NotJudged { get; }
    }
}
