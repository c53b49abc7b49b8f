using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using SpiTools.Abstractions;
using SpiTools.Devices;
using SpiTools.Diagnosis;
using SpiTools.Diagnosis.Ends;

namespace SpiTools.Services
{
    /// <summary>How an audit runs.</summary>
    public sealed class AuditOptions
    {
        /// <summary>Devices worked on at once (AAA servers dislike many parallel logins).</summary>
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>The diagnosis thresholds.</summary>
        public DiagnosisOptions Diagnosis { get; set; } = new DiagnosisOptions();

        /// <summary>
        /// When set, each device's raw outputs go to <c>SaveCapture/&lt;device&gt;/&lt;run time&gt;/</c>, and the newest earlier
        /// run of the same device there is read as its "before" snapshot (counters judged on their growth).
        /// </summary>
        public string? SaveCapture { get; set; }

        /// <summary>
        /// Also write each device's IPsec SAs (<see cref="IpsecSa"/> records, after its findings), for the report's SA
        /// tables and lifetime charts; off by default, so a console shows findings and summaries only.
        /// </summary>
        public bool IncludeSecurityAssociations { get; set; }

        /// <summary>The run time that names this run's capture folders (UTC).</summary>
        public DateTimeOffset RunStarted { get; set; } = DateTimeOffset.UtcNow;

        /// <summary>The folder name a run time gets: sortable, and valid on every file system.</summary>
        public static string RunFolderName(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    }
}
